/**
 * Whole-machine CPU time from /proc/stat (Linux), to tell how busy the machine was during a phase,
 * and so how much of it went to processes other than the bench's own.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineCpu {
  busyTicks: number;
  totalTicks: number;
}

export function readMachineCpu(): MachineCpu | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal guest guest_nice: guest time is already in user.
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
    const busy = user + nice + system + irq + softirq + steal;
    return { busyTicks: busy, totalTicks: busy + idle + iowait };
  } catch {
    return undefined;
  }
}

/** Busy time between two readings, in percent of one core (the whole machine is cores × 100). */
export function machineCpuPercent(before: MachineCpu | undefined, after: MachineCpu | undefined): number {
  if (!before || !after || after.totalTicks === before.totalTicks) return Number.NaN;
  const share = (after.busyTicks - before.busyTicks) / (after.totalTicks - before.totalTicks);
  return share * os.cpus().length * 100;
}

/**
 * `npm run audit:release`: `npm audit --omit=dev`, failing on a high or critical advisory in what ships (the
 * extension's and the proxy's runtime dependencies). When the advisory service cannot be reached (some
 * registry mirrors answer 405), it says so plainly and exits 0: no verdict is not a pass, and the
 * message says that too.
 */
import { spawnSync } from 'node:child_process';
import { z } from 'zod';

const report = z.object({
  metadata: z.object({
    vulnerabilities: z.looseObject({ high: z.number(), critical: z.number() }),
  }),
});
const serviceError = z.object({ statusCode: z.number().optional(), message: z.string().optional() });

export type AuditVerdict =
  | { kind: 'clean'; counts: Record<string, unknown> }
  | { kind: 'vulnerable'; high: number; critical: number }
  | { kind: 'unavailable'; reason: string };

/** Reads `npm audit --json` output. */
export function readAudit(output: string): AuditVerdict {
  let json: unknown;
  try {
    json = JSON.parse(output);
  } catch {
    return { kind: 'unavailable', reason: 'npm audit printed no JSON' };
  }
  const parsed = report.safeParse(json);
  if (parsed.success) {
    const { high, critical } = parsed.data.metadata.vulnerabilities;
    if (high + critical > 0) return { kind: 'vulnerable', high, critical };
    return { kind: 'clean', counts: parsed.data.metadata.vulnerabilities };
  }
  const failure = serviceError.safeParse(json);
  const status = failure.success && failure.data.statusCode ? `HTTP ${failure.data.statusCode}` : 'no answer';
  return { kind: 'unavailable', reason: `the advisory service gave ${status}` };
}

if (import.meta.main) {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
  const verdict = readAudit(run.stdout);
  if (verdict.kind === 'vulnerable') {
    console.error(
      `npm audit: ${verdict.critical} critical and ${verdict.high} high advisories in runtime dependencies.`,
    );
    console.error('Run `npm audit --omit=dev` for the list.');
    process.exit(1);
  }
  if (verdict.kind === 'clean')
    console.log(`npm audit: no high or critical advisories (${JSON.stringify(verdict.counts)}).`);
  else
    console.warn(
      `npm audit: NOT CHECKED: ${verdict.reason}. This is no verdict; run it where the registry's advisory service answers.`,
    );
}

/**
 * `npm run audit:release`: `npm audit --omit=dev`, failing on a high or critical advisory in what ships (the
 * extension's and the proxy's runtime dependencies). When the advisory service cannot be reached (it answers with an
 * HTTP error, as some registry mirrors answer 405, or the request fails on the network), it says so plainly and exits
 * 0: no verdict is not a pass, and the message says that too. Anything else that keeps npm from auditing (npm not
 * started, no lockfile, output it cannot have meant) fails (exit 2): only the advisory service's silence is excused.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { z } from 'zod';
import { runAsScript } from './run-as-script';

const report = z.object({
  metadata: z.object({
    vulnerabilities: z.looseObject({ high: z.number(), critical: z.number() }),
  }),
});
/** The advisory service answered with an HTTP error: npm prints the request's failure, with its status. */
const httpFailure = z.object({ statusCode: z.number().int() });
/** The request never got an answer: `request to <url> failed, reason: connect ECONNREFUSED …` (npm 11). */
const networkFailure = z.object({ message: z.string().regex(/^request to \S+ failed, reason: /) });
/** npm's own error (ENOLOCK, a broken lockfile, …): `{"error": {"code", "summary"}}`. */
const npmError = z.object({ error: z.object({ code: z.string(), summary: z.string().optional() }) });

export type AuditVerdict =
  | { kind: 'clean'; counts: Record<string, unknown> }
  | { kind: 'vulnerable'; high: number; critical: number }
  /** The advisory service gave no verdict: said, and let pass. */
  | { kind: 'unavailable'; reason: string }
  /** npm could not audit for a reason of its own or ours: a failure. */
  | { kind: 'failed'; reason: string };

/** Reads `npm audit --json` output. */
export function readAudit(output: string): AuditVerdict {
  let json: unknown;
  try {
    json = JSON.parse(output);
  } catch {
    return { kind: 'failed', reason: 'npm audit printed no JSON' };
  }
  const parsed = report.safeParse(json);
  if (parsed.success) {
    const { high, critical } = parsed.data.metadata.vulnerabilities;
    if (high + critical > 0) return { kind: 'vulnerable', high, critical };
    return { kind: 'clean', counts: parsed.data.metadata.vulnerabilities };
  }
  const http = httpFailure.safeParse(json);
  if (http.success) return { kind: 'unavailable', reason: `the advisory service gave HTTP ${http.data.statusCode}` };
  if (networkFailure.safeParse(json).success)
    return { kind: 'unavailable', reason: 'the advisory service could not be reached' };
  const own = npmError.safeParse(json);
  if (own.success) {
    const { code, summary } = own.data.error;
    return { kind: 'failed', reason: `npm audit failed with ${code}${summary ? `: ${summary}` : ''}` };
  }
  return { kind: 'failed', reason: 'npm audit printed JSON that is neither a report nor a known failure' };
}

if (runAsScript(import.meta.filename)) {
  // This project's lockfile, wherever it is run from; a report with many advisories is large.
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
    cwd: resolve(import.meta.dirname, '..'),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const verdict: AuditVerdict = run.error
    ? { kind: 'failed', reason: `npm audit could not be run (${run.error.message})` }
    : readAudit(run.stdout);
  if (verdict.kind === 'vulnerable') {
    console.error(
      `npm audit: ${verdict.critical} critical and ${verdict.high} high advisories in runtime dependencies.`,
    );
    console.error('Run `npm audit --omit=dev` for the list.');
    process.exit(1);
  }
  if (verdict.kind === 'failed') {
    console.error(`npm audit: ${verdict.reason}.`);
    process.exit(2);
  }
  if (verdict.kind === 'clean')
    console.log(`npm audit: no high or critical advisories (${JSON.stringify(verdict.counts)}).`);
  else
    console.warn(
      `npm audit: NOT CHECKED: ${verdict.reason}. This is no verdict; run it where the registry's advisory service answers.`,
    );
}

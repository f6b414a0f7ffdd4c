import { expect, test } from 'vitest';
import { readAudit } from './audit-release';

const counts = (high: number, critical: number) =>
  JSON.stringify({
    metadata: { vulnerabilities: { info: 0, low: 2, moderate: 1, high, critical, total: 3 + high + critical } },
  });

test('no high or critical: clean, whatever the lower counts', () => {
  expect(readAudit(counts(0, 0)).kind).toBe('clean');
});

test.for([
  { high: 1, critical: 0 },
  { high: 0, critical: 1 },
  { high: 3, critical: 2 },
])('$high high and $critical critical: vulnerable', ({ high, critical }) => {
  expect(readAudit(counts(high, critical))).toEqual({ kind: 'vulnerable', high, critical });
});

test('an advisory service that answers with an HTTP error, or cannot be reached, is no verdict, never clean', () => {
  // As npm 11 prints them (seen here: the registry answers the bulk advisory POST with 405).
  const refused = JSON.stringify({
    message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    statusCode: 405,
    body: '',
    error: { summary: '', detail: '' },
  });
  expect(readAudit(refused)).toEqual({ kind: 'unavailable', reason: 'the advisory service gave HTTP 405' });
  const unreachable = JSON.stringify({
    message:
      'request to http://127.0.0.1:9/-/npm/v1/security/advisories/bulk failed, reason: connect ECONNREFUSED 127.0.0.1:9',
    error: { summary: '', detail: '' },
  });
  expect(readAudit(unreachable)).toEqual({ kind: 'unavailable', reason: 'the advisory service could not be reached' });
});

test('npm failing for a reason of its own, or output that is no report, fails: only the service’s silence passes', () => {
  const noLock = JSON.stringify({
    error: { code: 'ENOLOCK', summary: 'This command requires an existing lockfile.', detail: '' },
  });
  expect(readAudit(noLock)).toEqual({
    kind: 'failed',
    reason: 'npm audit failed with ENOLOCK: This command requires an existing lockfile.',
  });
  // Nothing (npm not started, or its output cut off), and JSON of another shape.
  for (const output of ['', '{"metadata":', '{}', 'null', '{"message":"something else"}']) {
    expect(readAudit(output).kind, output).toBe('failed');
  }
});

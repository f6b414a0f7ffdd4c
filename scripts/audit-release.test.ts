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

test('an unreachable advisory service is no verdict, never clean', () => {
  const refused = JSON.stringify({ message: '405 Method Not Allowed', statusCode: 405, error: { summary: '' } });
  expect(readAudit(refused)).toEqual({ kind: 'unavailable', reason: 'the advisory service gave HTTP 405' });
  expect(readAudit('').kind).toBe('unavailable');
  expect(readAudit('{}').kind).toBe('unavailable');
});

/** What the console shows of an answer: pretty-printed within bounds, checked against its shape, errors read. */
import { describe, expect, test } from 'vitest';
import { MAX_PRETTY_CHARS, MAX_PRETTY_DEPTH, prettyBody, readEndpointAnswer } from './endpoint-answer';
import { findEndpoint } from './endpoint-catalogue';

const meSites = findEndpoint('me-sites');
if (!meSites) throw new Error('the catalogue has no me-sites');
const sent = { method: 'GET', url: new URL('https://public-api.wordpress.com/rest/v1.1/me/sites'), durationMs: 12 };
const read = (text: string, status = 200, truncated = false) =>
  readEndpointAnswer(meSites, sent, { status, text, truncated, retryAfter: null }, Date.now());

/** `[[[…]]]`, `depth` arrays deep. */
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('the body shown', () => {
  test('an ordinary answer is pretty-printed', () => {
    const text = '{"sites":[{"ID":5001,"name":"Alice writes","URL":"https://alicewrites.wordpress.com"}]}';
    expect(read(text).call.body).toBe(JSON.stringify(JSON.parse(text), null, 2));
  });

  test('a small answer nested thousands deep is shown as it came: not megabytes of indentation, not a crash', () => {
    for (const depth of [3_000, 5_000, 100_000]) {
      const text = `{"sites":${nested(depth)}}`;
      const { call } = read(text);
      expect(call.body).toBe(text);
      expect(call.schemaProblem).toBeDefined();
    }
  });

  test('pretty-printed down to MAX_PRETTY_DEPTH, shown as it came one level deeper', () => {
    // The outer array is depth 0: in MAX_PRETTY_DEPTH arrays the innermost one's 1 is at MAX_PRETTY_DEPTH.
    const deepest = nested(MAX_PRETTY_DEPTH).replace('[]', '[1]');
    expect(prettyBody(JSON.parse(deepest), deepest)).toBe(JSON.stringify(JSON.parse(deepest), null, 2));
    const deeper = nested(MAX_PRETTY_DEPTH + 1).replace('[]', '[1]');
    expect(prettyBody(JSON.parse(deeper), deeper)).toBe(deeper);
  });

  test('a wide answer is pretty-printed while the result stays within MAX_PRETTY_CHARS, and shown as it came past it', () => {
    // Each number on its own line at depth 1: a newline, two spaces and a comma besides the digit.
    const within = `[${Array.from({ length: 600_000 }, () => '1').join(',')}]`;
    const pretty = prettyBody(JSON.parse(within), within);
    expect(pretty).toBe(JSON.stringify(JSON.parse(within), null, 2));
    expect(pretty.length).toBeLessThanOrEqual(MAX_PRETTY_CHARS);
    const past = `[${Array.from({ length: 1_100_000 }, () => '1').join(',')}]`;
    expect(JSON.stringify(JSON.parse(past), null, 2).length).toBeGreaterThan(MAX_PRETTY_CHARS);
    expect(prettyBody(JSON.parse(past), past)).toBe(past);
  });
});

describe('the answer checked', () => {
  test('lists five shape issues and counts the rest', () => {
    const text = JSON.stringify({ sites: Array.from({ length: 4 }, () => ({ ID: 'not a number' })) });
    const problem = read(text).call.schemaProblem ?? '';
    // Each site lacks name and URL and has a string ID: 12 issues, 5 listed.
    expect(problem.match(/sites\.\d\.\w+:/g)).toHaveLength(5);
    expect(problem).toMatch(/and 7 more/);
  });

  test('an empty answer (a 204) is said to be empty, not to be something other than JSON', () => {
    for (const [text, status] of [
      ['', 204],
      ['', 200],
      ['\n', 200],
    ] as const) {
      expect(read(text, status).call.schemaProblem).toBe('The answer is empty.');
    }
    expect(read('<html></html>').call.schemaProblem).toBe('The answer is not JSON.');
  });

  test('an error answer cut at the limit says so, besides the problem', () => {
    const { call, failure } = read('{"error":"unknown_blog","message":"Unknown bl', 404, true);
    expect(failure).toBeDefined();
    expect(call.problem).toBeDefined();
    expect(call.truncated).toBe(true);
    expect(call.schemaProblem).toMatch(/too long/);
  });
});

/**
 * Reads a console call's answer into what the console shows: the body pretty-printed, a 2xx body checked
 * against the catalogue's response schema (a mismatch is reported, the body still shown), and an error
 * answer turned into a problem with what to do next. Pure.
 */
import { i18n } from '#i18n';
import { endpointFailure } from './api-problem';
import type { EndpointSpec } from './endpoint-catalogue';
import type { ConnectError } from './errors';
import { toErrorInfo } from './errors';
import type { CallResult } from './messages';
import { zodInExtensionLanguage } from './zod-language';

export interface RawAnswer {
  status: number;
  /** The body as text, at most the kept length. */
  text: string;
  /** The body was longer than what was kept. */
  truncated: boolean;
  retryAfter: string | null;
}

export interface ReadAnswer {
  call: CallResult;
  /** The error answer as a ConnectError, for the caller's follow-up (remove the connection, hold off). */
  failure?: ConnectError;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * The most characters the pretty-printed body may have (4 Mi, four times the most the console keeps of an answer),
 * and the deepest nesting it is pretty-printed at. Indentation grows with depth, so a small, deeply nested answer
 * would print as megabytes (6 KB of `[[[…]]]` 3,000 deep: 18 MB), and past a few thousand levels
 * `JSON.stringify` runs out of stack: such an answer is shown as it came.
 */
export const MAX_PRETTY_CHARS = 4 * 1024 * 1024;
export const MAX_PRETTY_DEPTH = 200;

/**
 * How many characters pretty-printing adds to `value`'s compact JSON (exactly: a newline and the indentation of each
 * line, a space after each key), or undefined once that passes `budget` or the nesting passes MAX_PRETTY_DEPTH.
 * Walked with a stack: no recursion.
 */
function indentationCost(value: unknown, budget: number): number | undefined {
  let cost = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [item, depth] = next;
    if (item === null || typeof item !== 'object') continue;
    const children = Array.isArray(item) ? item : Object.values(item);
    if (children.length === 0) continue;
    if (depth + 1 > MAX_PRETTY_DEPTH) return undefined;
    // Each child on its own line (a newline and its indentation; a key's ":" gains a space), then the closing line.
    const perChild = (Array.isArray(item) ? 1 : 2) + 2 * (depth + 1);
    cost += children.length * perChild + 1 + 2 * depth;
    if (cost > budget) return undefined;
    for (const child of children) stack.push([child, depth + 1]);
  }
  return cost;
}

/** The answer pretty-printed, or as it came when that would be too large or too deep (see MAX_PRETTY_CHARS). */
export function prettyBody(value: unknown, text: string): string {
  const cost = indentationCost(value, MAX_PRETTY_CHARS - text.length);
  return cost === undefined ? text : JSON.stringify(value, null, 2);
}

/** At most this many schema issues are listed. */
const MAX_ISSUES = 5;

function schemaProblemOf(endpoint: EndpointSpec, json: ReturnType<typeof parseJson>, answer: RawAnswer) {
  if (answer.truncated) return i18n.t('detail.answerTooLong');
  // A 204 (or any answer with no body) is no malformed JSON: there is nothing to read.
  if (!json.ok) return answer.text.trim() === '' ? i18n.t('detail.answerEmpty') : i18n.t('detail.answerNotJson');
  // The issues below are in zod's words: in the extension's language.
  zodInExtensionLanguage();
  const checked = endpoint.response.safeParse(json.value);
  if (checked.success) return undefined;
  const issues = checked.error.issues.slice(0, MAX_ISSUES).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : i18n.t('detail.wholeAnswer');
    return `${where}: ${issue.message}`;
  });
  const more = checked.error.issues.length - issues.length;
  return more > 0
    ? i18n.t('detail.answerShapeMore', { issues: issues.join('; '), more })
    : i18n.t('detail.answerShape', { issues: issues.join('; ') });
}

export function readEndpointAnswer(
  endpoint: EndpointSpec,
  sent: { method: string; url: URL; durationMs: number },
  answer: RawAnswer,
  now: number,
): ReadAnswer {
  const json = answer.truncated ? ({ ok: false } as const) : parseJson(answer.text);
  const call: CallResult = {
    endpoint: endpoint.id,
    method: sent.method,
    url: sent.url.href,
    status: answer.status,
    durationMs: Math.max(0, Math.round(sent.durationMs)),
    body: json.ok ? prettyBody(json.value, answer.text) : answer.text,
    ...(answer.truncated ? { truncated: true as const } : {}),
  };
  if (answer.status >= 200 && answer.status < 300) {
    const schemaProblem = schemaProblemOf(endpoint, json, answer);
    return { call: schemaProblem === undefined ? call : { ...call, schemaProblem } };
  }
  const failure = endpointFailure(
    { status: answer.status, body: json.ok ? json.value : undefined, retryAfter: answer.retryAfter },
    now,
  );
  return {
    call: {
      ...call,
      problem: toErrorInfo(failure),
      ...(answer.truncated ? { schemaProblem: schemaProblemOf(endpoint, json, answer) } : {}),
    },
    failure,
  };
}

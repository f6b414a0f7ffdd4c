/**
 * Query strings and form bodies as plain records for zod. A repeated parameter becomes an array, so a
 * schema that expects a string refuses it instead of silently picking one of the values.
 */
export type ParamRecord = Record<string, string | string[]>;

export function paramRecord(params: URLSearchParams): ParamRecord {
  const record: ParamRecord = {};
  for (const [key, value] of params) {
    const seen = record[key];
    if (seen === undefined) record[key] = value;
    else record[key] = Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return record;
}

export function queryRecord(requestUrl: string): ParamRecord {
  return paramRecord(new URL(requestUrl).searchParams);
}

/** True when the Content-Type is `application/x-www-form-urlencoded` (parameters such as charset allowed). */
export function isFormEncoded(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

export function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** The first issue of a failed parse, naming the field, for error descriptions. */
export function firstIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid request.';
  const field = issue.path.map(String).join('.');
  return field === '' ? issue.message : `"${field}": ${issue.message}`;
}

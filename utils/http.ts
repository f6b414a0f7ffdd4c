/** The one way this extension calls out: no cookies, no referrer, no redirects, and always a deadline. */
import { fetchFailure, type Service } from './errors';
import { requestTimeoutMs } from './extension-config';

export async function request(url: URL | string, init: RequestInit, service: Service): Promise<Response> {
  try {
    return await fetch(url, {
      ...init,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'error',
      cache: 'no-store',
      signal: init.signal ?? AbortSignal.timeout(requestTimeoutMs()),
    });
  } catch (error) {
    throw fetchFailure(error, service);
  }
}

/** Reads at most `maxBytes` of the body as UTF-8 text; the rest is not downloaded. */
export async function readCappedText(
  response: Response,
  maxBytes: number,
): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let kept = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - kept;
    if (value.byteLength > room) {
      text += decoder.decode(value.subarray(0, room), { stream: true });
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    kept += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
  // A character cut in two at the limit is left out rather than shown as garbage.
  if (!truncated) text += decoder.decode();
  return { text, truncated };
}

/**
 * The most of a JSON answer read (the proxy's token answer, `/me`, token-info, Gravatar, the disconnect): each is
 * a few KB; a server or middlebox streaming more would only fill the worker's memory.
 */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

/**
 * The body as JSON, or `undefined` when it is not JSON or longer than MAX_JSON_BODY_BYTES (the rest is not read).
 * A body that stops arriving (the request's deadline passed while it was read, or the connection broke) is a failure
 * to reach `service`, as a request that got no answer is: not an answer that could not be read.
 */
export async function jsonBody(response: Response, service: Service): Promise<unknown> {
  let read: { text: string; truncated: boolean };
  try {
    read = await readCappedText(response, MAX_JSON_BODY_BYTES);
  } catch (error) {
    throw fetchFailure(error, service);
  }
  if (read.truncated) return undefined;
  try {
    return JSON.parse(read.text);
  } catch {
    return undefined;
  }
}

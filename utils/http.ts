/** The one way this extension calls out: no cookies, no referrer, no redirects followed, and always a deadline. */
import { i18n } from '#i18n';
import { ConnectError, fetchFailure, type Service } from './errors';
import { requestTimeoutMs } from './extension-config';

export async function request(url: URL | string, init: RequestInit, service: Service): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      // Not followed (the token or code would go with it), but seen: 'error' would read as the network failing,
      // and mark WordPress.com offline when it answered.
      redirect: 'manual',
      cache: 'no-store',
      signal: init.signal ?? AbortSignal.timeout(requestTimeoutMs()),
    });
  } catch (error) {
    throw fetchFailure(error, service);
  }
  // Browsers give a redirect as an opaque answer with status 0; Node's fetch gives the 3xx itself.
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    await response.body?.cancel().catch(() => undefined);
    const words =
      service === 'proxy' ? i18n.t('detail.proxyRedirected') : i18n.t('detail.serviceRedirected', { service });
    throw new ConnectError('invalid_response', words);
  }
  return response;
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

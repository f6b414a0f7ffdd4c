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

/** The body as JSON, or `undefined` when it is not JSON. */
export async function jsonBody(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** Builds the redirect to the app's (already checked) redirect_uri, with URL and URLSearchParams only. */
import { randomId } from './random.ts';

export function redirectBack(
  redirectUri: string,
  params: Record<string, string>,
  state: string | undefined,
  tamperState: boolean,
): string {
  const location = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) location.searchParams.set(key, value);
  // State is echoed exactly, and left out when the app sent none, unless a test asked for a forged one.
  const sentState = tamperState ? `tampered-${randomId()}` : state;
  if (sentState !== undefined) location.searchParams.set('state', sentState);
  return location.href;
}

/** The person's steps, through the real UI: log in (popup → WordPress.com consent window → Approve), revoke. */
import type { BrowserContext, Page } from 'playwright-core';

export type Who = 'Alice' | 'Bob';
const STEP_TIMEOUT_MS = 15_000;

export const loginButton = (popup: Page) => popup.getByRole('button', { name: 'Log in with WordPress.com' });

/** Clicks "Log in" and returns the consent window that `identity.launchWebAuthFlow` opened, loaded. */
export async function openConsent(context: BrowserContext, popup: Page): Promise<Page> {
  const authWindow = context.waitForEvent('page', { timeout: STEP_TIMEOUT_MS });
  await loginButton(popup).click();
  const auth = await authWindow;
  await auth.waitForLoadState('domcontentloaded');
  return auth;
}

/**
 * Picks the account and clicks Approve inside the page, in the same task that reads the clock, so the time
 * is the click's: `performance.timeOrigin + performance.now()` (comparable with the popup's probe).
 */
export async function approve(auth: Page, who: Who): Promise<number> {
  await auth.getByRole('radio', { name: new RegExp(who) }).check();
  return auth.getByRole('button', { name: 'Approve' }).evaluate((button: HTMLElement) => {
    const at = performance.timeOrigin + performance.now();
    button.click();
    return at;
  });
}

/** A whole sign-in from a popup page; resolves once the popup shows the person's name. */
export async function signIn(context: BrowserContext, popup: Page, who: Who): Promise<void> {
  await approve(await openConsent(context, popup), who);
  await popup.locator('#profile-name', { hasText: who === 'Alice' ? 'Alice Example' : 'Bob Unverified' }).waitFor({
    timeout: STEP_TIMEOUT_MS,
  });
}

/** Revokes the active connection with its Revoke button; resolves once the popup offers "Log in" again. */
export async function revokeActive(popup: Page): Promise<void> {
  await popup
    .locator('.profile')
    .getByRole('button', { name: /^Revoke/ })
    .click();
  await loginButton(popup).waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** Asks the worker for its state from an extension page and times the round trip there (ms). */
export function timeGetState(page: Page): Promise<{ ms: number; sentAt: number; ok: boolean; connections: number }> {
  return page.evaluate(async () => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
      .chrome.runtime;
    const started = performance.now();
    const answer = (await runtime.sendMessage({ type: 'getState' })) as {
      ok?: boolean;
      state?: { connections?: unknown[] };
    };
    const ms = performance.now() - started;
    return {
      ms,
      sentAt: performance.timeOrigin + started,
      ok: answer?.ok === true,
      connections: answer?.state?.connections?.length ?? -1,
    };
  });
}

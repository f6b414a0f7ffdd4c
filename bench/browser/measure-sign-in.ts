/**
 * Sign-in latency: "Approve" clicked on the emulator's consent page → the popup's frame with the profile
 * painted. Each run is a whole flow from a signed-out popup: Log in → consent window → Approve (clicked in the
 * page, in the task that reads the clock) → the worker's launchWebAuthFlow resolves, the code goes through
 * the proxy to the emulator's token endpoint, /me and Gravatar answer, the connection is stored and the
 * popup paints it. Then Revoke (the real button) signs out for the next run. Both ends are read as
 * `performance.timeOrigin + performance.now()` in their pages; the probe records how far that is from
 * `Date.now()` in each page, so a misaligned clock would show.
 *
 * A few more sign-ins (not among the timed runs) are traced with the DevTools protocol to split one into its
 * steps: the click reaching the browser as a navigation, the emulator answering the consent POST with its
 * redirect, the identity API catching the redirect, the worker sending the code to the proxy, the exchange,
 * `/me`, and from `/me` to the popup's painted frame (the connection stored, the popup answered and painted);
 * the Gravatar look-up that follows the answer is timed apart.
 */
import { approve, loginButton, openConsent, revokeActive } from './flows.ts';
import type { BenchBrowser } from './launch.ts';
import { POPUP_PAGE } from './launch.ts';
import { probeResult } from './probe.ts';
import { sleep, summarize } from './summary.ts';
import { recordTrace, type TraceEvent } from './trace.ts';

export interface SignInRun {
  /** Approve clicked → the frame that first shows the profile presented (Element Timing, as popup paint; ms). */
  latencyMs: number;
  /** Approve clicked → the profile heading in the popup's DOM. */
  toDomMs: number;
  /** Popup's clock minus the consent page's clock, both against Date.now() (ms; 0 ± 1 means aligned). */
  clockSkewMs: number;
}

export interface SignInOptions {
  warmup: number;
  runs: number;
  traced: number;
  settleMs: number;
}

/** One traced sign-in, step by step (ms); `null` when the trace lacked a milestone. */
export interface SignInSteps {
  latencyMs: number;
  /** Click → the browser starts the consent form's navigation (POST /oauth2/consent). */
  clickToPost: number;
  /** The POST → the emulator's redirect to https://<id>.chromiumapp.org/?code=… */
  consentAnswer: number;
  /** The redirect → the worker sends the code to the proxy (launchWebAuthFlow resolves, the flow state is read). */
  redirectToExchange: number;
  /** POST /token at the proxy, which exchanges the code with the emulator. */
  exchange: number;
  /** The token answer → GET /me sent. */
  exchangeToMe: number;
  me: number;
  /**
   * /me answered → the popup's frame with the profile: the worker stores the connection, clears the restore
   * offer, answers the popup, and the popup renders and paints.
   */
  meToPainted: number;
  /** /me answered → the Gravatar look-up sent: after the popup's answer, not on the path to the paint. */
  meToGravatar: number;
  /** The Gravatar look-up itself (not on the path). */
  gravatar: number;
}

export interface SignInResult {
  runs: SignInRun[];
  steps: SignInSteps[];
}

const TRACE_CATEGORIES = ['devtools.timeline', 'navigation', 'loading', 'toplevel'];

/** The milestones of one sign-in in a trace (ms after the Approve click). */
export function signInSteps(events: TraceEvent[], latencyMs: number): SignInSteps | null {
  const sorted = [...events].sort((a, b) => a.ts - b.ts);
  const click = sorted.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click');
  if (!click) return null;
  const after = (name: string, test: (e: TraceEvent) => boolean = () => true) =>
    sorted.find((e) => e.ts >= click.ts && e.name === name && test(e));
  const url = (e: TraceEvent) => String(e.args?.data?.url ?? e.args?.url ?? '');
  const request = (part: string) => {
    const sent = after('ResourceSendRequest', (e) => url(e).includes(part));
    const id = sent?.args?.data?.requestId;
    const done = sent && after('ResourceFinish', (e) => e.args?.data?.requestId === id);
    return sent && done ? { sent: sent.ts, done: done.ts } : null;
  };
  const post = after('NavigationRequest::StartNavigation');
  const redirect = after('WillRedirectRequest', (e) => url(e).includes('.chromiumapp.org'));
  const token = request('/token');
  const me = request('/v1.1/me');
  const gravatar = request('/profiles/');
  if (!post || !redirect || !token || !me || !gravatar) return null;
  const ms = (us: number) => us / 1000;
  return {
    latencyMs,
    clickToPost: ms(post.ts - click.ts),
    consentAnswer: ms(redirect.ts - post.ts),
    redirectToExchange: ms(token.sent - redirect.ts),
    exchange: ms(token.done - token.sent),
    exchangeToMe: ms(me.sent - token.done),
    me: ms(me.done - me.sent),
    meToPainted: latencyMs - ms(me.done - click.ts),
    meToGravatar: ms(gravatar.sent - me.done),
    gravatar: ms(gravatar.done - gravatar.sent),
  };
}

export const medianSteps = (steps: SignInSteps[]) =>
  Object.fromEntries(
    Object.keys(steps[0] ?? {}).map((key) => [key, summarize(steps.map((s) => s[key as keyof SignInSteps])).median]),
  ) as Record<keyof SignInSteps, number>;

/** One whole flow from a fresh signed-out popup, signed out again at the end; `during` wraps the Approve. */
async function oneSignIn(
  browser: BenchBrowser,
  settleMs: number,
  during: (approveAndWait: () => Promise<SignInRun>) => Promise<SignInRun>,
): Promise<SignInRun> {
  const popup = await browser.open(POPUP_PAGE);
  try {
    await loginButton(popup).waitFor({ timeout: 15_000 });
    const auth = await openConsent(browser.context, popup);
    const authSkew = await auth.evaluate(() => performance.timeOrigin + performance.now() - Date.now());
    const run = await during(async () => {
      const approvedAt = await approve(auth, 'Alice');
      const result = await probeResult(popup);
      return {
        latencyMs: result.timeOrigin + (result.elementRender ?? result.paintedAt) - approvedAt,
        toDomMs: result.timeOrigin + result.foundAt - approvedAt,
        clockSkewMs: result.clockSkewMs - authSkew,
      };
    });
    // The Gravatar look-up and the broadcast that follow a sign-in finish before the revoke.
    await sleep(settleMs);
    await revokeActive(popup);
    return run;
  } finally {
    await popup.close();
  }
}

export async function measureSignIn(browser: BenchBrowser, options: SignInOptions): Promise<SignInResult> {
  const runs: SignInRun[] = [];
  for (let i = 0; i < options.warmup + options.runs; i++) {
    const run = await oneSignIn(browser, options.settleMs, (approveAndWait) => approveAndWait());
    if (i >= options.warmup) runs.push(run);
  }
  const steps: SignInSteps[] = [];
  const keeper = browser.context.pages()[0];
  if (keeper && options.traced > 0) {
    const cdp = await browser.context.newCDPSession(keeper);
    try {
      for (let i = 0; i < options.traced; i++) {
        let events: TraceEvent[] = [];
        const run = await oneSignIn(browser, options.settleMs, async (approveAndWait) => {
          const traced = await recordTrace(cdp, TRACE_CATEGORIES, approveAndWait);
          events = traced.events;
          return traced.result;
        });
        const parsed = signInSteps(events, run.latencyMs);
        if (parsed) steps.push(parsed);
      }
    } finally {
      await cdp.detach().catch(() => {});
    }
  }
  return { runs, steps };
}

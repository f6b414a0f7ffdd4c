/**
 * The in-page probe: an init script (added with `context.addInitScript`, so it runs in every extension page
 * before any of the page's own scripts) that times, against the page's navigation start:
 *
 * - when the watched heading (`#profile-name` with one of the expected texts) enters the DOM, and when the
 *   frame that shows it has been painted: a requestAnimationFrame after the insertion (the frame's start)
 *   and a message-channel task queued from it (runs once that frame's style, layout and paint are done);
 * - what every frame before it showed: from document start, at each animation frame, whether the page had any
 *   text yet, whether it showed a spinner / busy / "Loading" state, and the first words of its text;
 * - the Paint Timing API's first-contentful-paint, and Element Timing's renderTime of the heading (the probe
 *   marks it `elementtiming` as soon as it enters the DOM, before the frame that shows it renders);
 * - each message the page sends the worker (`chrome.runtime.sendMessage`, wrapped before the page's own
 *   scripts run): its `type`, when it left and when the answer came back.
 *
 * Times are `performance.now()` (ms since the page's navigation started) plus `epochOffset`
 * (`performance.timeOrigin`), which lines up times taken in different pages of the same browser.
 */
import type { Page } from 'playwright-core';

export interface ProbeConfig {
  selector: string;
  /** The heading counts once its text is one of these (a placeholder such as "Signed in" does not). */
  texts: string[];
  /** Frames recorded at most (the recording stops at the frame showing the heading anyway): bounds the work on a page left open. */
  maxFrames: number;
}

export interface FrameSnapshot {
  /** The animation frame's timestamp (ms since navigation start). */
  t: number;
  /** The page showed some text. */
  contentful: boolean;
  /** The watched heading was in the DOM. */
  target: boolean;
  /** A spinner, an `aria-busy="true"` element or a "Loading" text was showing. */
  busy: boolean;
  /** The first 80 characters of the page's text. */
  text: string;
}

/** One `runtime.sendMessage` of the page: its `type`, when it was sent and answered (ms since navigation start). */
export interface MessageTiming {
  type: string;
  sentAt: number;
  answeredAt: number;
}

/**
 * When the page's HTML arrived and its scripts had run (ms since navigation start; null if not yet). Chromium
 * reports no Resource Timing for chrome-extension:// files, so their loading is not split from their running.
 */
export interface LoadTiming {
  /** The HTML received. */
  htmlMs: number | null;
  /** DOMContentLoaded started: the parser is done and the module scripts have run. */
  domContentLoadedMs: number | null;
}

export interface ProbeResult {
  url: string;
  timeOrigin: number;
  /** The heading entered the DOM. */
  foundAt: number;
  /** The animation frame that shows it started. */
  frameAt: number;
  /** That frame was rendered (a task queued from its requestAnimationFrame ran). */
  paintedAt: number;
  /** first-contentful-paint, if the browser reported one by then. */
  fcp: number | null;
  /** Element Timing's renderTime of the heading: when the frame that shows it was presented. */
  elementRender: number | null;
  frames: FrameSnapshot[];
  /** The page's messages to the worker until then. */
  messages: MessageTiming[];
  load: LoadTiming;
  /** performance.timeOrigin + performance.now() − Date.now() when the result was read: clock alignment check. */
  clockSkewMs: number;
}

declare global {
  interface Window {
    __benchProbe?: {
      done: boolean;
      result: Omit<ProbeResult, 'clockSkewMs' | 'fcp' | 'load' | 'elementRender'> | null;
      elementRender: number | null;
      messages: MessageTiming[];
      fcp: number | null;
      whenDone: Promise<void>;
    };
  }
}

/** The init script itself: self-contained (Playwright serialises it). */
export function probeScript(config: ProbeConfig): void {
  if (location.protocol !== 'chrome-extension:') return;
  let finish: () => void = () => {};
  const probe: NonNullable<Window['__benchProbe']> = {
    done: false,
    result: null,
    messages: [],
    fcp: null,
    elementRender: null,
    whenDone: new Promise<void>((resolve) => {
      finish = resolve;
    }),
  };
  window.__benchProbe = probe;
  const frames: FrameSnapshot[] = [];

  type SendMessage = (...args: unknown[]) => unknown;
  const runtime = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: SendMessage } } }).chrome?.runtime;
  const send = runtime?.sendMessage;
  if (runtime && send) {
    try {
      runtime.sendMessage = function timedSendMessage(this: unknown, ...args: unknown[]) {
        const message = args.find((arg) => typeof arg === 'object' && arg !== null && 'type' in arg) as
          | { type?: unknown }
          | undefined;
        const entry = { type: String(message?.type ?? '?'), sentAt: performance.now(), answeredAt: -1 };
        probe.messages.push(entry);
        const answered = () => {
          entry.answeredAt = performance.now();
        };
        const callbackAt = args.findIndex((arg) => typeof arg === 'function');
        if (callbackAt >= 0) {
          const callback = args[callbackAt] as (...answer: unknown[]) => unknown;
          args[callbackAt] = function timedCallback(this: unknown, ...answer: unknown[]) {
            answered();
            return callback.apply(this, answer);
          };
          return send.apply(this, args);
        }
        const result = send.apply(this, args);
        if (result instanceof Promise) result.then(answered, answered);
        return result;
      };
    } catch {
      // Not writable here: no message timings.
    }
  }
  let foundAt = -1;

  const heading = () => {
    const element = document.querySelector(config.selector);
    return element !== null && config.texts.includes((element.textContent ?? '').trim()) ? element : null;
  };

  const snapshot = (t: number) => {
    const body = document.body;
    // Text nodes, not innerText: no layout needed, so the probe does not change what it measures. Only text the frame
    // shows counts: not a style sheet's, nor text under an element hidden by `visibility` or `display` (checking that
    // computes styles, as the frame about to render does anyway).
    const parts: string[] = [];
    const shown = new Map<Element, boolean>();
    const isShown = (element: Element | null): boolean => {
      if (element === null) return false;
      let answer = shown.get(element);
      if (answer === undefined) {
        answer =
          element.localName !== 'style' &&
          element.localName !== 'script' &&
          element.checkVisibility({ visibilityProperty: true });
        shown.set(element, answer);
      }
      return answer;
    };
    if (body) {
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (isShown(node.parentElement)) parts.push(node.nodeValue ?? '');
      }
    }
    const text = parts.join(' ').replace(/\s+/g, ' ').trim();
    const busy =
      body !== null && (body.querySelector('.spinner, [aria-busy="true"]') !== null || /Loading/i.test(text));
    const target = heading();
    frames.push({
      t,
      contentful: text !== '',
      target: target !== null && isShown(target),
      busy,
      text: text.slice(0, 80),
    });
  };
  const onFrame = (t: number) => {
    snapshot(t);
    // Until a frame shows the heading: the heading in the DOM is not enough (a style can still hide it).
    if (frames.at(-1)?.target !== true && frames.length < config.maxFrames) requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.name === 'first-contentful-paint') probe.fcp = entry.startTime;
      }
    }).observe({ type: 'paint', buffered: true });
  } catch {
    // No Paint Timing: fcp stays null.
  }
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { identifier?: string; renderTime?: number }>) {
        if (entry.identifier === 'bench-heading' && probe.elementRender === null) {
          probe.elementRender = entry.renderTime || entry.startTime;
        }
      }
    }).observe({ type: 'element', buffered: true });
  } catch {
    // No Element Timing: elementRender stays null.
  }

  const found = (element: Element) => {
    foundAt = performance.now();
    observer.disconnect();
    // Element Timing reports when the frame that first shows it is presented (set before that frame renders).
    element.setAttribute('elementtiming', 'bench-heading');
    requestAnimationFrame((frameTs) => {
      const frameAt = performance.now();
      snapshot(frameTs);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        probe.result = {
          url: location.href,
          timeOrigin: performance.timeOrigin,
          foundAt,
          frameAt,
          paintedAt: performance.now(),
          frames,
          messages: probe.messages.map((m) => ({ ...m })),
        };
        probe.done = true;
        channel.port1.close();
        finish();
      };
      channel.port2.postMessage(0);
    });
  };
  const observer = new MutationObserver(() => {
    const element = foundAt < 0 ? heading() : null;
    if (element) found(element);
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

/** The page's messages to the worker so far (the ones sent after the heading showed too). */
export function probeMessages(page: Page): Promise<MessageTiming[]> {
  return page.evaluate(() => (window.__benchProbe?.messages ?? []).map((m) => ({ ...m })));
}

/** Waits (in the page, at most `timeoutMs`) for the probe's result. */
export async function probeResult(page: Page, timeoutMs = 15_000): Promise<ProbeResult> {
  const result = await inPage(
    page,
    async (timeout: number) => {
      const probe = window.__benchProbe;
      if (!probe) return { error: 'no probe in this page' };
      const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeout));
      if ((await Promise.race([probe.whenDone.then(() => 'done' as const), timer])) === 'timeout' || !probe.result) {
        return { error: `the heading did not show within ${timeout} ms` };
      }
      // Give the Paint and Element Timing entries a moment to arrive (reported after the frame is presented).
      for (let i = 0; i < 15 && (probe.fcp === null || probe.elementRender === null); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const positive = (value: number | undefined) => (value !== undefined && value > 0 ? value : null);
      return {
        ...probe.result,
        load: {
          htmlMs: positive(nav?.responseEnd),
          domContentLoadedMs: positive(nav?.domContentLoadedEventStart),
        },
        fcp: probe.fcp,
        elementRender: probe.elementRender,
        clockSkewMs: performance.timeOrigin + performance.now() - Date.now(),
      };
    },
    timeoutMs,
  );
  if ('error' in result) throw new Error(`${page.url()}: ${result.error}`);
  return result;
}

export interface FirstFrames {
  /** Frames rendered with some text before the one with the heading. */
  contentfulBefore: number;
  /** Of those, frames that showed a spinner, a busy element or "Loading". */
  busyBefore: number;
  /** The first contentful frame already showed the heading. */
  firstContentfulHasTarget: boolean;
  /** first-contentful-paint came no earlier than the heading entered the DOM. */
  fcpAfterTarget: boolean | null;
  /** What the frames before showed (distinct texts). */
  before: string[];
}

export function firstFrames(result: ProbeResult): FirstFrames {
  const firstTarget = result.frames.findIndex((frame) => frame.target);
  const before = (firstTarget < 0 ? result.frames : result.frames.slice(0, firstTarget)).filter((f) => f.contentful);
  const firstContentful = result.frames.find((frame) => frame.contentful);
  return {
    contentfulBefore: before.length,
    busyBefore: before.filter((frame) => frame.busy).length,
    firstContentfulHasTarget: firstContentful?.target === true,
    fcpAfterTarget: result.fcp === null ? null : result.fcp >= result.foundAt,
    before: [...new Set(before.map((frame) => frame.text))],
  };
}

/**
 * `page.evaluate(fn, arg)` for functions that define named functions inside: tsx (esbuild with keepNames)
 * wraps those in `__name(…)`, which the page does not have, so the source goes with a stand-in.
 */
export function inPage<A, R>(page: Page, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  return page.evaluate(`(() => { const __name = (f) => f; return (${fn.toString()})(${JSON.stringify(arg)}); })()`);
}

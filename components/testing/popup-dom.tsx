/**
 * Component tests of the popup: `<App />` rendered by Preact into a linkedom document, its worker a test's
 * function answering the popup's real messages (`ask`, through WXT's fakeBrowser runtime). What needs a browser
 * (layout, focus, keyboard) is tested end to end instead (tests/e2e/).
 */
import { parseHTML } from 'linkedom';
import { type JSX, render } from 'preact';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BackgroundRequest, BackgroundResponse } from '../../utils/messages';
import { App } from '../App';

const dom = parseHTML('<!doctype html><html lang="en"><head><title>Popup</title></head><body></body></html>');

/**
 * The page's globals Preact and the popup use, once per test file: a document, frames, and its localStorage. And
 * focus as a browser keeps it, which linkedom does not: `focus()` moves it, and it falls back to the body when the
 * focused element leaves the page (what components/focus-after-change.ts reads).
 */
function installPage(): void {
  const items = new Map<string, string>();
  let focused: HTMLElement | undefined;
  Object.defineProperty(dom.HTMLElement.prototype, 'focus', {
    configurable: true,
    value(this: HTMLElement) {
      focused = this;
    },
  });
  Object.defineProperty(dom.document, 'activeElement', {
    configurable: true,
    get: () => (focused?.isConnected ? focused : dom.document.body),
  });
  Object.assign(globalThis, {
    document: dom.document,
    requestAnimationFrame: (run: () => void) => setTimeout(run, 0),
    cancelAnimationFrame: (id: ReturnType<typeof setTimeout>) => clearTimeout(id),
    localStorage: {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
      clear: () => items.clear(),
    },
  });
}
installPage();

/** The worker, as the test plays it: each request of the popup, answered (a promise may wait as long as the test likes). */
export type FakeWorker = (request: BackgroundRequest) => BackgroundResponse | Promise<BackgroundResponse>;

/** An answer the test gives when it wants: a revoke that takes the network's time. */
export function later<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

export interface RenderedPopup {
  root: HTMLElement;
  /** Every request the popup sent, in order. */
  sent: BackgroundRequest[];
  /** The page's text, as one string. */
  text(): string;
  /** The button whose accessible name (aria-label, else its words) is `name`. */
  button(name: string | RegExp): HTMLButtonElement;
  /** The text of every role=status region, in page order. */
  statuses(): string[];
  /**
   * A click as the browser dispatches it (also on a disabled button: what the handler does then is tested too); on an
   * enabled submit button, its form is then submitted, as the browser does.
   */
  click(button: HTMLElement): void;
  close(): void;
}

const nameOf = (button: Element) => (button.getAttribute('aria-label') ?? button.textContent ?? '').trim();

/**
 * Renders the popup (or another of the extension's pages) with `worker` answering its messages (a fresh
 * fakeBrowser and localStorage each time).
 */
export function renderPopup(worker: FakeWorker, page: JSX.Element = <App />): RenderedPopup {
  fakeBrowser.reset();
  localStorage.clear();
  const sent: BackgroundRequest[] = [];
  fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender: unknown, reply: (a: unknown) => void) => {
    const request = message as BackgroundRequest;
    sent.push(request);
    void Promise.resolve(worker(request)).then(reply);
    return true;
  });
  const root = dom.document.createElement('div');
  dom.document.body.append(root);
  render(page, root);
  const buttons = () => [...root.querySelectorAll('button')] as HTMLButtonElement[];
  return {
    root,
    sent,
    text: () => root.textContent ?? '',
    button(name) {
      const found = buttons().find((button) =>
        typeof name === 'string' ? nameOf(button) === name : name.test(nameOf(button)),
      );
      if (!found) throw new Error(`No button "${String(name)}" among: ${buttons().map(nameOf).join(' | ')}`);
      return found;
    },
    statuses: () => [...root.querySelectorAll('[role="status"]')].map((region) => (region.textContent ?? '').trim()),
    click(button) {
      const proceed = button.dispatchEvent(new dom.Event('click', { bubbles: true, cancelable: true }));
      const submits = button instanceof dom.HTMLButtonElement && button.type === 'submit' && !button.disabled;
      const form = button.closest('form');
      if (proceed && submits && form) form.dispatchEvent(new dom.Event('submit', { bubbles: true, cancelable: true }));
    },
    close() {
      render(null, root);
      root.remove();
    },
  };
}

/** Waits until `check` passes (Preact renders and the fake worker answers asynchronously). */
export const settle = (check: () => void) => vi.waitFor(check, { timeout: 2_000, interval: 5 });

/** The toolbar popup's layout, checked the same way in Chromium and Firefox: its sizes, and what sticks out of it. */
import { expect } from 'vitest';

/** A toolbar popup's sizes: its window (`innerWidth`, `innerHeight`) and its page (`document.documentElement`). */
export type PopupSizes = {
  width: number;
  height: number;
  clientWidth: number;
  scrollWidth: number;
  scrollHeight: number;
};

/** `PopupSizes` read by an expression, in the popup's window `win` (`window`, or a name for it). */
export const popupSizesOf = (win = 'window') => `({
  width: ${win}.innerWidth,
  height: ${win}.innerHeight,
  clientWidth: ${win}.document.documentElement.clientWidth,
  scrollWidth: ${win}.document.documentElement.scrollWidth,
  scrollHeight: ${win}.document.documentElement.scrollHeight,
})`;

/**
 * A toolbar popup's sizes once the browser has stopped resizing it: Chrome and Firefox size a toolbar popup to its
 * content in steps as the page lays out, so a read too early finds a popup still growing. `read` reads them once.
 */
export async function settledSizes(read: () => Promise<PopupSizes | null>): Promise<PopupSizes> {
  let last = '';
  for (let same = 0, tries = 0; same < 3; tries++) {
    if (tries > 100) throw new Error(`The toolbar popup kept changing size (last ${last}).`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = JSON.stringify(await read());
    same = now === last ? same + 1 : 0;
    last = now;
  }
  return JSON.parse(last) as PopupSizes;
}

/**
 * A toolbar popup taller than the browser lets it be (at most 600 px): it scrolls up and down; it stays 360 px wide
 * with the scrollbar inside (where scrollbars take room), and the page takes what is left (components/popup.css),
 * so nothing scrolls sideways. Chrome and Firefox alike.
 */
export function expectTallPopup(sizes: PopupSizes): void {
  expect(sizes.height).toBeLessThanOrEqual(600);
  expect(sizes.scrollHeight).toBeGreaterThan(sizes.height);
  expect(sizes.width).toBe(360);
  expect(sizes.clientWidth).toBeLessThan(360);
  expect(sizes.scrollWidth).toBe(sizes.clientWidth);
}

/**
 * Run in the popup's page (Playwright's `page.evaluate`, or a toolbar popup's `evaluate`): the elements whose box
 * crosses the popup's edges. Content inside a box that scrolls may be wider: it scrolls.
 */
export function overflowingElements(): string[] {
  const width = document.body.getBoundingClientRect().width;
  const insideScroller = (element: Element) => {
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') return true;
    }
    return false;
  };
  return [...document.body.querySelectorAll('*')]
    .filter((element) => !insideScroller(element))
    .filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && (box.left < -0.5 || box.right > width + 0.5);
    })
    .map((element) => element.outerHTML.slice(0, 120));
}

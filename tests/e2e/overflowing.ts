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

import { describe, expect, test } from 'vitest';
import { ALICE_LOGIN_VIEW, signedIn } from '../components/testing/views';
import type { FrameNode } from './first-frame';
import { FRAME_END, pageWithFrame, pageWithState, SERVED_STATE_ID, SHOW_WHEN_PARSED } from './popup-page';

const PAGE_URL = 'chrome-extension://abc/popup.html';
const DRAWN_BY = 'chrome-extension://abc/chunks/popup-x1.js';
/** popup.html as built (scripts/popup-script-order.ts). */
const TEMPLATE =
  '<!DOCTYPE html><html lang="en"><head><style>body{margin:0}</style></head>' +
  '<body><div id="app"></div>\n<script src="/popup-prepaint.js" data-popup-module="/chunks/popup-x1.js"></script>\n' +
  '<link rel="modulepreload" crossorigin href="/chunks/words-a.js">\n' +
  '<script type="module" crossorigin src="/chunks/popup-x1.js"></script></body></html>';
const nodes: FrameNode[] = [['h2', { id: 'profile-name' }, 'Alice']];

describe('the popup page with its kept frame', () => {
  test('is the page as built, with the frame inside its root and without the pre-paint script, which has nothing to do', () => {
    expect(pageWithFrame(TEMPLATE, { drawnBy: DRAWN_BY, nodes }, PAGE_URL)).toBe(
      '<!DOCTYPE html><html lang="en"><head><style>body{margin:0}</style></head>' +
        `<body><div id="app">${SHOW_WHEN_PARSED}<h2 id="profile-name">Alice</h2>${FRAME_END}</div>\n` +
        '<link rel="modulepreload" crossorigin href="/chunks/words-a.js">\n' +
        '<script type="module" crossorigin src="/chunks/popup-x1.js"></script></body></html>',
    );
  });

  test("a frame's text is written as it is, replacement patterns included", () => {
    const page = pageWithFrame(TEMPLATE, { drawnBy: DRAWN_BY, nodes: [['p', {}, "$& $' $` $$"]] }, PAGE_URL);
    expect(page).toContain(`${SHOW_WHEN_PARSED}<p>$&amp; $' $\` $$</p>${FRAME_END}</div>`);
  });

  test("another build's frame, a page that is not the popup as built, or a frame that is not one: no page", () => {
    const other = { drawnBy: 'chrome-extension://abc/chunks/popup-y2.js', nodes };
    expect(pageWithFrame(TEMPLATE, other, PAGE_URL)).toBeUndefined();
    expect(
      pageWithFrame(TEMPLATE, { drawnBy: DRAWN_BY, nodes }, 'chrome-extension://other/popup.html'),
    ).toBeUndefined();
    const frame = { drawnBy: DRAWN_BY, nodes };
    expect(pageWithFrame(TEMPLATE.replace('<div id="app"></div>', ''), frame, PAGE_URL)).toBeUndefined();
    expect(pageWithFrame(TEMPLATE.replace('</body>', '<div id="app"></div></body>'), frame, PAGE_URL)).toBeUndefined();
    const twoModules = TEMPLATE.replace('</head>', '<script type="module" src="/chunks/popup-x1.js"></script></head>');
    expect(pageWithFrame(twoModules, frame, PAGE_URL)).toBeUndefined();
    expect(
      pageWithFrame(TEMPLATE, { drawnBy: DRAWN_BY, nodes: [['script', {}, 'alert(1)']] }, PAGE_URL),
    ).toBeUndefined();
    expect(pageWithFrame(TEMPLATE, { drawnBy: DRAWN_BY, nodes: 'Alice' }, PAGE_URL)).toBeUndefined();
  });
});

describe('the popup page with the state in it', () => {
  const state = signedIn([ALICE_LOGIN_VIEW]);

  test('is the page as built, with the state in a data block before the empty root, and without the pre-paint script', () => {
    const page = pageWithState(TEMPLATE, state);
    const block = `<script type="application/json" id="${SERVED_STATE_ID}">${JSON.stringify(state)}</script>`;
    expect(page).toBe(
      '<!DOCTYPE html><html lang="en"><head><style>body{margin:0}</style></head>' +
        `<body>${block}<div id="app"></div>\n` +
        '<link rel="modulepreload" crossorigin href="/chunks/words-a.js">\n' +
        '<script type="module" crossorigin src="/chunks/popup-x1.js"></script></body></html>',
    );
  });

  test('no text in the state can end its element, and what is read back is the state as it was', () => {
    const hostile = '</script><script src="/evil.js"></script><!-- $& $\' \u2028';
    const profile = { ...ALICE_LOGIN_VIEW.profile, displayName: hostile, username: '</SCRIPT' } as NonNullable<
      typeof ALICE_LOGIN_VIEW.profile
    >;
    const named = { ...state, connections: [{ ...ALICE_LOGIN_VIEW, profile }] };
    const page = pageWithState(TEMPLATE, named) ?? '';
    const opened = page.indexOf(`id="${SERVED_STATE_ID}">`) + `id="${SERVED_STATE_ID}">`.length;
    const inside = page.slice(opened, page.indexOf('</script>', opened));
    expect(inside).not.toContain('<');
    expect(JSON.parse(inside)).toEqual(named);
    expect(page.match(/<script/gi)).toHaveLength(2);
  });

  test('a page that is not the popup as built: no page', () => {
    expect(pageWithState(TEMPLATE.replace('<div id="app"></div>', ''), state)).toBeUndefined();
    expect(pageWithState(TEMPLATE.replace('</body>', '<div id="app"></div></body>'), state)).toBeUndefined();
  });
});

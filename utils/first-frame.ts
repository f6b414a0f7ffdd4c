/**
 * The popup's first frame, kept as data: the DOM the popup's first render drew for the state it keeps for next
 * time (components/state-snapshot.ts), so that the next popup can show it from a small classic script
 * (entrypoints/popup-prepaint.ts) before its modules have loaded; Preact then renders over it, adopting the
 * same elements. No HTML string is ever parsed: a frame is elements, attributes and text, rebuilt with
 * `createElement`, `setAttribute` and text nodes, and only the elements and attributes the popup uses.
 *
 * This module imports nothing: the pre-paint script must stay a few hundred bytes.
 */

/** Text, or an element: its tag name, its attributes, then its children. */
export type FrameNode = string | [tag: string, attributes: Record<string, string>, ...children: FrameNode[]];

export interface KeptFrame {
  /** The script that drew it (the popup's module URL, hashed by the build): another build's frame is not used. */
  drawnBy: string;
  nodes: FrameNode[];
}

export const FRAME_KEY = 'connect:popup-frame';
/** The state the popup last showed (components/state-snapshot.ts), kept beside its frame in the same storage. */
export const STATE_KEY = 'connect:popup-state';

/** The elements a frame may hold: what the signed-in popup draws. Anything else is left out, with its subtree. */
const TAGS = new Set(
  'main header section div p span strong em small h1 h2 h3 ul ol li dl dt dd a img button time details summary br'.split(
    ' ',
  ),
);
/** Attributes a frame may hold; `href` and `src` only with an http(s) address or a path in the extension. */
const ATTRIBUTE =
  /^(?:class|id|role|alt|title|width|height|loading|type|tabindex|datetime|target|rel|open|disabled|hidden|lang|dir|elementtiming|aria-[a-z]+|data-[a-z-]+)$/;
const URL_ATTRIBUTE = /^(?:href|src)$/;
const WEB_ADDRESS = /^(?:https?:\/\/|\/(?![/\\]))/i;
const MAX_NODES = 3000;
const MAX_DEPTH = 40;

/** Browsers drop tabs and line breaks from an address before reading it: `/<tab>/host` would be `//host`. */
const URL_NOISE = /[\t\n\r]/;

const allowed = (name: string, value: string) =>
  ATTRIBUTE.test(name) || (URL_ATTRIBUTE.test(name) && !URL_NOISE.test(value) && WEB_ADDRESS.test(value));

/** The children of `root` as frame nodes, leaving out the elements `omit` matches (drawn later, not in a first frame). */
export function frameOf(root: Element, omit: string): FrameNode[] {
  const nodes = (parent: Node): FrameNode[] =>
    [...parent.childNodes].flatMap((node): FrameNode[] => {
      if (node.nodeType === 3) return [node.nodeValue ?? ''];
      if (node.nodeType !== 1) return [];
      const element = node as Element;
      const tag = element.localName;
      if (!TAGS.has(tag) || element.matches(omit)) return [];
      const attributes: Record<string, string> = {};
      for (const { name, value } of element.attributes) if (allowed(name, value)) attributes[name] = value;
      return [[tag, attributes, ...nodes(element)]];
    });
  return nodes(root);
}

/** What a frame is turned into: a text node, or an element from its tag, its allowed attributes and its children. */
interface FrameWriter<T> {
  text(text: string): T;
  element(tag: string, attributes: Array<[name: string, value: string]>, children: T[]): T;
}

/**
 * The one reader of a kept frame, for both of its uses (the pre-paint's DOM, the worker's HTML): the known elements
 * only, the allowed attributes only (the rest left out), at most MAX_NODES nodes and MAX_DEPTH levels. Undefined
 * when it is not a frame (damaged, too big, or refused by the writer).
 */
function readFrame<T>(nodes: unknown, writer: FrameWriter<T>): T[] | undefined {
  let count = 0;
  const read = (node: unknown, depth: number): T => {
    if (++count > MAX_NODES || depth > MAX_DEPTH) throw new Error('frame too big');
    if (typeof node === 'string') return writer.text(node);
    if (!Array.isArray(node)) throw new Error('not a frame node');
    const [tag, attributes, ...children] = node as unknown[];
    if (typeof tag !== 'string' || !TAGS.has(tag) || typeof attributes !== 'object' || attributes === null) {
      throw new Error('not a frame element');
    }
    const kept = Object.entries(attributes).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && allowed(entry[0], entry[1]),
    );
    return writer.element(
      tag,
      kept,
      children.map((child) => read(child, depth + 1)),
    );
  };
  try {
    return Array.isArray(nodes) ? nodes.map((node) => read(node, 0)) : undefined;
  } catch {
    return undefined;
  }
}

/** The DOM of a kept frame, or undefined when it is not one (damaged, too big): then nothing is pre-painted. */
export function buildFrame(nodes: unknown, document: Document): DocumentFragment | undefined {
  const built = readFrame<Node>(nodes, {
    text: (text) => document.createTextNode(text),
    element(tag, attributes, children) {
      const element = document.createElement(tag);
      for (const [name, value] of attributes) element.setAttribute(name, value);
      for (const child of children) element.append(child);
      return element;
    },
  });
  if (!built) return undefined;
  const fragment = document.createDocumentFragment();
  for (const node of built) fragment.append(node);
  return fragment;
}

/** Elements with no content in HTML: a frame that gives one children is not written as HTML. */
const VOID_TAGS = new Set(['img', 'br']);
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeText = (text: string) => text.replace(/[&<>]/g, (c) => ESCAPES[c] ?? c);
const escapeAttribute = (value: string) => value.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);

/**
 * A kept frame as HTML, for the worker to put in the popup page it serves (utils/popup-page.ts), or undefined when
 * it is not one. Read as `buildFrame` reads it, with every text and attribute value escaped, so nothing in it is
 * ever read as markup.
 */
export function frameHtml(nodes: unknown): string | undefined {
  return readFrame<string>(nodes, {
    text: escapeText,
    element(tag, attributes, children) {
      // Names come from the allowlist ([a-z-] only), values are escaped: no attribute can end early.
      const open = `<${tag}${attributes.map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('')}>`;
      if (!VOID_TAGS.has(tag)) return `${open}${children.join('')}</${tag}>`;
      if (children.length > 0) throw new Error('content in an empty element');
      return open;
    },
  })?.join('');
}

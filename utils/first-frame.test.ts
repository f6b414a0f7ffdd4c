import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildFrame, type FrameNode, frameHtml, frameOf } from './first-frame';

/** Just enough of a DOM for frames: elements with attributes and children, text nodes, fragments. */
interface FakeNode {
  nodeType: number;
  nodeValue?: string;
  localName?: string;
  attributes?: Array<{ name: string; value: string }>;
  childNodes: FakeNode[];
  append(...nodes: FakeNode[]): void;
  setAttribute(name: string, value: string): void;
  matches(selector: string): boolean;
}

function node(nodeType: number, fields: Partial<FakeNode> = {}): FakeNode {
  const self: FakeNode = {
    nodeType,
    childNodes: [],
    attributes: [],
    append(...nodes) {
      self.childNodes.push(...nodes);
    },
    setAttribute(name, value) {
      self.attributes?.push({ name, value });
    },
    // Only `.class` selectors, as the popup uses.
    matches(selector) {
      const wanted = selector.replace(/^\./, '');
      return (self.attributes ?? []).some((a) => a.name === 'class' && a.value.split(' ').includes(wanted));
    },
    ...fields,
  };
  return self;
}

const fakeDocument = {
  createElement: (tag: string) => node(1, { localName: tag }),
  createTextNode: (text: string) => node(3, { nodeValue: text }),
  createDocumentFragment: () => node(11),
  createComment: (text: string) => node(8, { nodeValue: text }),
} as unknown as Document;

const el = (tag: string, attributes: Record<string, string>, ...children: FakeNode[]) => {
  const element = node(1, { localName: tag });
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
};
const text = (value: string) => node(3, { nodeValue: value });
const box = (...children: FakeNode[]) => el('div', {}, ...children);
const frame = (...children: FakeNode[]) => frameOf(box(...children) as unknown as Element, '.console');

/** A built fragment back as frame nodes (the same walk the popup uses). */
const rebuilt = (nodes: unknown) => {
  const built = buildFrame(nodes, fakeDocument) as unknown as FakeNode | undefined;
  return built && frameOf(built as unknown as Element, '.console');
};

describe('a kept frame', () => {
  // Lazy stays lazy: a toolbar popup is shown once its page has loaded, and must not wait for Gravatar.
  const avatar = {
    class: 'avatar',
    src: 'https://gravatar.test/a.png',
    alt: '',
    width: '64',
    height: '64',
    loading: 'lazy',
  };
  const profile = el(
    'section',
    { class: 'profile', 'aria-labelledby': 'profile-name' },
    el('img', avatar),
    el('h2', { id: 'profile-name', tabindex: '-1', 'data-focus-after-change': '' }, text('Alice <Example>')),
    el('a', { href: 'https://wordpress.com/me', target: '_blank', rel: 'noreferrer' }, text('Profile')),
    el('button', { type: 'button', class: 'secondary', 'aria-label': 'Revoke' }, text('Revoke')),
  );

  test('keeps the elements, attributes and text the popup draws, and builds them back as they were', () => {
    const nodes = frame(el('main', {}, profile));
    expect(nodes).toEqual([
      [
        'main',
        {},
        [
          'section',
          { class: 'profile', 'aria-labelledby': 'profile-name' },
          ['img', avatar],
          ['h2', { id: 'profile-name', tabindex: '-1', 'data-focus-after-change': '' }, 'Alice <Example>'],
          ['a', { href: 'https://wordpress.com/me', target: '_blank', rel: 'noreferrer' }, 'Profile'],
          ['button', { type: 'button', class: 'secondary', 'aria-label': 'Revoke' }, 'Revoke'],
        ],
      ],
    ]);
    expect(rebuilt(JSON.parse(JSON.stringify(nodes)))).toEqual(nodes);
  });

  test('leaves out what arrives later (the console), comments, and elements and attributes it does not know', () => {
    const nodes = frame(
      el('section', { class: 'console' }, text('API console')),
      node(8, { nodeValue: 'a comment' }),
      el('script', {}, text('alert(1)')),
      el('iframe', { src: 'https://example.com' }),
      el('p', { onclick: 'alert(1)', style: 'color:red', class: 'muted' }, text('kept')),
      el('a', { href: 'javascript:alert(1)' }, text('no address')),
      el('a', { href: '/options.html' }, text('in the extension')),
      el('a', { href: '//elsewhere.example/x' }, text('another host')),
    );
    expect(nodes).toEqual([
      ['p', { class: 'muted' }, 'kept'],
      ['a', {}, 'no address'],
      ['a', { href: '/options.html' }, 'in the extension'],
      ['a', {}, 'another host'],
    ]);
  });

  test('a stored frame is rebuilt only with known elements and safe attributes; anything else is no frame', () => {
    const hostile: FrameNode[] = [
      ['p', { onclick: 'alert(1)', class: 'muted', src: 'javascript:alert(1)', href: 'data:text/html,x' }, 'text'],
      ['img', { src: 'https://gravatar.test/a.png', onerror: 'alert(1)' }],
    ];
    expect(rebuilt(hostile)).toEqual([
      ['p', { class: 'muted' }, 'text'],
      ['img', { src: 'https://gravatar.test/a.png' }],
    ]);
    expect(buildFrame([['script', {}, 'alert(1)']], fakeDocument)).toBeUndefined();
    expect(buildFrame([['p', null]], fakeDocument)).toBeUndefined();
    expect(buildFrame([42], fakeDocument)).toBeUndefined();
    expect(buildFrame({ nodes: [] }, fakeDocument)).toBeUndefined();
    expect(buildFrame('<p>x</p>', fakeDocument)).toBeUndefined();
  });

  test('a frame too deep or too big is no frame', () => {
    let deep: FrameNode = 'bottom';
    for (let i = 0; i < 50; i++) deep = ['div', {}, deep];
    expect(buildFrame([deep], fakeDocument)).toBeUndefined();
    expect(
      buildFrame(
        Array.from({ length: 5000 }, () => 'x'),
        fakeDocument,
      ),
    ).toBeUndefined();
    expect(buildFrame([['p', {}, 'fine']], fakeDocument)).toBeDefined();
  });
});

describe('a kept frame as HTML (the page the worker serves)', () => {
  test('is the same elements, attributes and text, with every text and attribute value escaped', () => {
    const nodes: FrameNode[] = [
      [
        'section',
        { class: 'profile', 'aria-labelledby': 'profile-name' },
        [
          'img',
          { class: 'avatar', src: 'https://gravatar.test/a.png?s=64&d=mp', alt: 'Avatar of "Al" <b>', width: '64' },
        ],
        ['h2', { id: 'profile-name', tabindex: '-1' }, 'Alice </h2><script>alert(1)</script> & co'],
        ['p', { class: 'username' }, '@', 'alice'],
        ['p', { role: 'status' }, ''],
        ['br', {}],
      ],
    ];
    expect(frameHtml(nodes)).toBe(
      '<section class="profile" aria-labelledby="profile-name">' +
        '<img class="avatar" src="https://gravatar.test/a.png?s=64&amp;d=mp" alt="Avatar of &quot;Al&quot; &lt;b&gt;" width="64">' +
        '<h2 id="profile-name" tabindex="-1">Alice &lt;/h2&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h2>' +
        '<p class="username">@alice</p><p role="status"></p><br></section>',
    );
  });

  test('leaves out exactly what the pre-paint leaves out, and refuses what it refuses', () => {
    const hostile: FrameNode[] = [
      ['p', { onclick: 'alert(1)', class: 'muted', src: 'javascript:alert(1)', href: 'data:text/html,x' }, 'text'],
      ['img', { src: 'https://gravatar.test/a.png', onerror: 'alert(1)' }],
      ['a', { href: '//elsewhere.example/x', '"><script>': 'x', 'x onload': 'y' }, 'link'],
      // The browser drops the tab or line break, and reads `//elsewhere.example/x`.
      ['a', { href: '/\t/elsewhere.example/x' }, 'tab'],
      ['img', { src: '/\n/elsewhere.example/a.png' }],
      ['a', { href: 'https://wordpress.com/\r' }, 'break'],
    ];
    expect(frameHtml(hostile)).toBe(
      '<p class="muted">text</p><img src="https://gravatar.test/a.png"><a>link</a><a>tab</a><img><a>break</a>',
    );
    // Names that only start or end like an allowed one are not allowed: no name can carry markup.
    const lookalikes: FrameNode[] = [
      [
        'p',
        {
          'title="x"><img src="https://evil.example/a.png"><p title': 'y',
          classX: 'a',
          xclass: 'b',
          hrefx: 'https://evil.example/',
          'x href': 'https://evil.example/',
          'src ': 'https://evil.example/',
        },
        'hi',
      ],
    ];
    expect(frameHtml(lookalikes)).toBe('<p>hi</p>');
    expect(rebuilt(lookalikes)).toEqual([['p', {}, 'hi']]);
    for (const refused of [[['script', {}, 'alert(1)']], [['p', null]], [42], { nodes: [] }, '<p>x</p>']) {
      expect(frameHtml(refused), JSON.stringify(refused)).toBeUndefined();
      expect(buildFrame(refused, fakeDocument), JSON.stringify(refused)).toBeUndefined();
    }
    // HTML cannot put anything inside an image: such a frame is not written at all.
    expect(frameHtml([['img', {}, 'inside']])).toBeUndefined();
    let deep: FrameNode = 'bottom';
    for (let i = 0; i < 50; i++) deep = ['div', {}, deep];
    expect(frameHtml([deep])).toBeUndefined();
    expect(frameHtml(Array.from({ length: 5000 }, () => 'x'))).toBeUndefined();
  });

  test('no attribute name, whatever it holds, reaches the page unless it is an allowed name', () => {
    // The names a frame may hold, written out here as the test's own list (first-frame.ts `ATTRIBUTE`), and names
    // that would run code or restyle the page, which the generator offers as often as any string.
    const ALLOWED =
      /^(?:class|id|role|alt|title|width|height|loading|type|tabindex|datetime|target|rel|open|disabled|hidden|lang|dir|elementtiming|aria-[a-z]+|data-[a-z-]+)$/;
    const name = fc.oneof(
      fc.string(),
      fc.constantFrom('onclick', 'onerror', 'style', 'srcdoc', 'formaction', 'href', 'src', 'class', 'aria-label'),
    );
    fc.assert(
      fc.property(name, fc.string(), (attribute, value) => {
        const html = frameHtml([['p', { [attribute]: value }, 'x']]) ?? '';
        const written = /^<p(?: ([a-z-]+)="[^"<>]*")?>x<\/p>$/.exec(html);
        expect(written, html).not.toBeNull();
        if (written?.[1] === undefined) return;
        expect(written[1]).toBe(attribute);
        if (/^(?:href|src)$/.test(attribute)) {
          // Only with a web address or a path in the extension.
          expect(value).toMatch(/^(?:https?:\/\/|\/(?![/\\]))/i);
        } else {
          expect(attribute).toMatch(ALLOWED);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('no text or attribute value, whatever it holds, ends its element or attribute early', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (title, body) => {
        const html = frameHtml([['p', { title }, body]]) ?? '';
        const open = '<p title="';
        const close = html.indexOf('">');
        expect(html.startsWith(open)).toBe(true);
        expect(html.slice(open.length, close)).not.toMatch(/["<>]/);
        expect(html.endsWith('</p>')).toBe(true);
        expect(html.slice(close + 2, -'</p>'.length)).not.toMatch(/[<>]/);
      }),
      { numRuns: 2000 },
    );
  });
});

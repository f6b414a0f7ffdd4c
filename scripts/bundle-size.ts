/**
 * What an extension page loads, and what that weighs: the page itself (its inline styles included), the files it
 * pulls in before it can run (scripts, module preloads, style sheets, and every module those import statically),
 * the chunks it may fetch later with `import()`, and the gzip size of each (level 9, as a store would serve it).
 *
 * Used by the bundle budget test (components/bundle-budget.test.ts); reads a built extension folder only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FileSize {
  /** Relative to the extension's root, e.g. `chunks/popup-Dl1xqKbe.js`. */
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface PageLoad {
  /** What the page loads before it runs: the page, its own tags and their static imports. */
  eager: FileSize[];
  /** Chunks only reachable through `import()`, fetched later (and their static imports). */
  lazy: FileSize[];
}

const attribute = (tag: string, name: string) =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(1).find(Boolean);

/** The files an HTML page names: `<script src>`, `<link rel="modulepreload|stylesheet" href>`, root-relative. */
export function htmlAssets(html: string, htmlFile = 'index.html'): string[] {
  const found: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const isScript = /^<script/i.test(tag);
    const rel = attribute(tag, 'rel')?.toLowerCase().split(/\s+/) ?? [];
    const url = isScript ? attribute(tag, 'src') : attribute(tag, 'href');
    if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url)) continue;
    if (isScript || rel.includes('modulepreload') || rel.includes('stylesheet')) found.push(resolveFrom(htmlFile, url));
  }
  return found;
}

/** A module's import specifiers: static (`import … from "x"`, `import "x"`, `export … from "x"`) and dynamic. */
export function moduleImports(code: string): { static: string[]; dynamic: string[] } {
  const quoted = '["\'`]([^"\'`]+)["\'`]';
  const staticImports = [
    ...code.matchAll(new RegExp(`\\b(?:import|export)\\s*(?:[^"'\`();]*?\\bfrom\\s*)?${quoted}`, 'g')),
  ].map((match) => match[1] as string);
  const dynamicImports = [...code.matchAll(new RegExp(`\\bimport\\(\\s*${quoted}\\s*\\)`, 'g'))].map(
    (match) => match[1] as string,
  );
  return { static: staticImports, dynamic: dynamicImports };
}

/** `url` as named in `from` (a file relative to the extension's root), relative to the root. */
function resolveFrom(from: string, url: string): string {
  const path = url.split(/[?#]/)[0] ?? url;
  return path.startsWith('/') ? posix.normalize(path.slice(1)) : posix.join(posix.dirname(from), path);
}

/** A file of the extension's own, as a module names it (text that merely looks like an import names none). */
const isOwnFile = (url: string) => /^\.{0,2}\//.test(url) && /\.(js|css)$/.test(url);

export function fileSize(extensionDir: string, file: string): FileSize {
  const content = readFileSync(posix.join(extensionDir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/** Everything `page` (e.g. `popup.html`) loads at once, and what it can fetch later. */
export function pageLoad(extensionDir: string, page: string): PageLoad {
  const eager = new Set<string>();
  const later: string[] = [];
  const visit = (file: string, into: Set<string>) => {
    if (into.has(file) || eager.has(file)) return;
    // Only text that looked like an import names a file that is not there: a build never leaves one out.
    if (!existsSync(posix.join(extensionDir, file))) return;
    into.add(file);
    if (!file.endsWith('.js')) return;
    const imports = moduleImports(readFileSync(posix.join(extensionDir, file), 'utf8'));
    for (const url of imports.static.filter(isOwnFile)) visit(resolveFrom(file, url), into);
    for (const url of imports.dynamic.filter(isOwnFile)) later.push(resolveFrom(file, url));
  };
  const html = readFileSync(posix.join(extensionDir, page), 'utf8');
  // The page counts too: a style sheet put inside it (scripts/inline-page-css.ts) is loaded with it.
  eager.add(page);
  for (const file of htmlAssets(html, page)) {
    if (!existsSync(posix.join(extensionDir, file)))
      throw new Error(`${page} names ${file}, which is not in the build`);
    visit(file, eager);
  }
  const lazy = new Set<string>();
  while (later.length > 0) {
    const next = later.shift() as string;
    visit(next, lazy);
  }
  return {
    eager: [...eager].map((file) => fileSize(extensionDir, file)),
    lazy: [...lazy].filter((file) => !eager.has(file)).map((file) => fileSize(extensionDir, file)),
  };
}

export const totalGzip = (files: readonly FileSize[]) => files.reduce((sum, file) => sum + file.gzipBytes, 0);

/** One line per file, then the total: for a failure message or a log. */
export function sizeTable(files: readonly FileSize[]): string {
  const rows = files.map(
    (file) =>
      `  ${file.file.padEnd(44)} ${String(file.bytes).padStart(8)} B  ${String(file.gzipBytes).padStart(7)} B gzip`,
  );
  return [...rows, `  ${'total'.padEnd(44)} ${' '.repeat(10)}  ${String(totalGzip(files)).padStart(7)} B gzip`].join(
    '\n',
  );
}

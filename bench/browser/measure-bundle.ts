/**
 * Bundle: gzip -9 bytes of what each part of the built extension loads (scripts/bundle-size.ts, the same
 * reading as the bundle budget test): popup.html and options.html before they can run (their script, module
 * preloads, style sheets and those files' static imports), the chunks they fetch later with `import()`, and
 * the background worker. Read from the bench build (the sandbox's URLs; the code is that of `npm run build`,
 * and the bench-only blank page adds no chunk to the others).
 */
import { type FileSize, fileSize, pageLoad, totalGzip } from '../../scripts/bundle-size.ts';

export interface PartSize {
  part: string;
  eager: FileSize[];
  lazy: FileSize[];
  eagerGzip: number;
  eagerBytes: number;
  lazyGzip: number;
}

const part = (name: string, eager: FileSize[], lazy: FileSize[]): PartSize => ({
  part: name,
  eager,
  lazy,
  eagerGzip: totalGzip(eager),
  eagerBytes: eager.reduce((sum, file) => sum + file.bytes, 0),
  lazyGzip: totalGzip(lazy),
});

export function measureBundle(extensionDir: string): PartSize[] {
  const popup = pageLoad(extensionDir, 'popup.html');
  const options = pageLoad(extensionDir, 'options.html');
  return [
    part('popup', popup.eager, popup.lazy),
    part('options', options.eager, options.lazy),
    part('background', [fileSize(extensionDir, 'background.js')], []),
  ];
}

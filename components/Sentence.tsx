import type { ComponentChildren } from 'preact';

/** The stand-in for the `index`th element of a sentence: a private-use character no translation contains. */
export function slot(index: number): string {
  return String.fromCharCode(0xe000 + index);
}

/**
 * A translated sentence with elements inside it (a link, a time, a name in bold): the message is asked for with
 * `slot(0)`, `slot(1)`… as its substitutions, and each slot is replaced by `parts[index]` wherever the translation
 * put it. The words stay one message, in the translator's order; nothing is glued from fragments.
 */
export function Sentence({ text, parts }: { text: string; parts: readonly ComponentChildren[] }) {
  const pieces: ComponentChildren[] = [];
  let plain = '';
  for (const char of text) {
    const index = char.charCodeAt(0) - 0xe000;
    if (index >= 0 && index < parts.length) {
      if (plain) pieces.push(plain);
      plain = '';
      pieces.push(parts[index]);
    } else {
      plain += char;
    }
  }
  if (plain) pieces.push(plain);
  return <>{pieces}</>;
}

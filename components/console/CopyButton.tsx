import { useEffect, useState } from 'preact/hooks';
import { i18n } from '#i18n';

/** Copies `text` to the clipboard and says so in a polite live region. `label` is the button's words. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [said, setSaid] = useState('');
  useEffect(() => {
    if (!said) return;
    const timer = setTimeout(() => setSaid(''), 3000);
    return () => clearTimeout(timer);
  }, [said]);
  return (
    <span class="copy">
      <button
        type="button"
        class="secondary compact"
        onClick={() => {
          // Emptied first: a second copy is announced again.
          const say = (words: string) => {
            setSaid('');
            setTimeout(() => setSaid(words), 50);
          };
          navigator.clipboard.writeText(text).then(
            () => say(i18n.t('console.copied')),
            () => say(i18n.t('console.copyFailed')),
          );
        }}
      >
        {label}
      </button>
      <span role="status" class="small muted">
        {said}
      </span>
    </span>
  );
}

import { useEffect, useState } from 'preact/hooks';

/** Copies `text` to the clipboard and says so in a polite live region. `label` is the button's words. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
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
          navigator.clipboard.writeText(text).then(
            () => setSaid('Copied'),
            () => setSaid('Could not copy'),
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

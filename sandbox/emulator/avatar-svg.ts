/** Small self-contained SVG images for avatars and service icons: no scripts, no external references. */
import { escapeHtml } from './html.ts';

function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [words[0]];
  return letters.map((word) => (word ?? '?').charAt(0).toUpperCase()).join('') || '?';
}

/** Initials on a colour picked from the hash, so each person keeps their colour. */
export function initialsAvatar(name: string, hash: string): string {
  const hue = Number.parseInt(hash.slice(0, 4), 16) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96" role="img" aria-label="${escapeHtml(name)}">
<rect width="96" height="96" fill="hsl(${hue}, 55%, 45%)"/>
<text x="48" y="48" dy="0.35em" text-anchor="middle" font-family="system-ui, sans-serif" font-size="38" fill="#fff">${escapeHtml(initialsOf(name))}</text>
</svg>
`;
}

/** The generic picture for an email Gravatar does not know. */
export function silhouetteAvatar(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96" role="img" aria-label="No avatar">
<rect width="96" height="96" fill="#c3c4c7"/>
<circle cx="48" cy="38" r="18" fill="#f6f7f7"/>
<path d="M14 96c2-22 16-34 34-34s32 12 34 34z" fill="#f6f7f7"/>
</svg>
`;
}

export function serviceIcon(label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" role="img" aria-label="${escapeHtml(label)}">
<circle cx="12" cy="12" r="11" fill="#1d2327"/>
<text x="12" y="12" dy="0.35em" text-anchor="middle" font-family="system-ui, sans-serif" font-size="12" fill="#fff">${escapeHtml(label.charAt(0).toUpperCase())}</text>
</svg>
`;
}

export const SVG_HEADERS = {
  'Content-Type': 'image/svg+xml',
  'Cache-Control': 'public, max-age=300',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  'X-Content-Type-Options': 'nosniff',
  'Access-Control-Allow-Origin': '*',
};

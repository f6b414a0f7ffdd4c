import { useLayoutEffect } from 'preact/hooks';
import { i18n } from '#i18n';

/**
 * Gives the page the language and title of the messages it shows, before its first paint: screen readers
 * pick their voice from `lang`, and the tab or window is named in the same language (the HTML's own title and
 * `lang="en"` are only what shows if the script never runs).
 */
export function usePageLanguage(title: string): void {
  useLayoutEffect(() => {
    document.documentElement.lang = i18n.t('meta.language');
    document.documentElement.dir = i18n.t('@@bidi_dir');
    document.title = title;
  }, [title]);
}

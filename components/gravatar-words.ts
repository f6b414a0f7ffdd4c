/** A Gravatar profile in the lines the profile card shows; blank fields leave no line behind. */
import { i18n } from '#i18n';
import type { GravatarProfile, Profile } from '../utils/profile';

function filled(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

/** "Technical writer at Example Press", "Technical writer", "Works at Example Press". */
export function workWords(jobTitle: string | undefined, company: string | undefined): string | undefined {
  const title = filled(jobTitle);
  const at = filled(company);
  if (title && at) return i18n.t('popup.gravatar.workAt', { title, company: at });
  if (title) return title;
  return at ? i18n.t('popup.gravatar.worksAt', { company: at }) : undefined;
}

/** "she/her · pronounced AL-iss", "she/her", "Pronounced AL-iss". */
export function pronounWords(pronouns: string | undefined, pronunciation: string | undefined): string | undefined {
  const said = filled(pronunciation);
  const them = filled(pronouns);
  if (them && said) return i18n.t('popup.gravatar.pronounsPronounced', { pronouns: them, pronunciation: said });
  if (them) return them;
  return said ? i18n.t('popup.gravatar.pronounced', { pronunciation: said }) : undefined;
}

export interface GravatarLines {
  /** Gravatar's display name, only when it differs from WordPress.com's. */
  otherName?: string;
  pronouns?: string;
  work?: string;
  location?: string;
  description?: string;
}

/** The lines worth showing, in the card's order; absent ones are left out. */
export function gravatarLines(gravatar: GravatarProfile, wpcomName: string): GravatarLines {
  const name = filled(gravatar.displayName);
  const lines: GravatarLines = {
    otherName: name && name.toLowerCase() !== wpcomName.trim().toLowerCase() ? name : undefined,
    pronouns: pronounWords(gravatar.pronouns, gravatar.pronunciation),
    work: workWords(gravatar.jobTitle, gravatar.company),
    location: filled(gravatar.location),
    description: filled(gravatar.description),
  };
  return Object.fromEntries(Object.entries(lines).filter(([, value]) => value !== undefined));
}

/** The links to the person's accounts that Gravatar verified, named by their service ("Mastodon"). */
export function verifiedAccountLinks(gravatar: GravatarProfile): Array<{ label: string; url: string }> {
  return gravatar.verifiedAccounts.map((account) => ({
    label: filled(account.serviceLabel) ?? filled(account.serviceType) ?? new URL(account.url).host,
    url: account.url,
  }));
}

/** Whether there is anything of the Gravatar profile to show beyond what WordPress.com's profile says. */
export function hasGravatarDetails(gravatar: GravatarProfile, wpcomName: string): boolean {
  return (
    Object.keys(gravatarLines(gravatar, wpcomName)).length > 0 ||
    gravatar.verifiedAccounts.length > 0 ||
    gravatar.profileUrl !== undefined
  );
}

/**
 * The picture at the top of the card: Gravatar's own (`avatar_url` of its profile, addressed by the email's SHA-256),
 * described by the alt text its owner wrote there; the name stays in the text alternative so the picture is known as
 * theirs. None without a Gravatar profile: WordPress.com's `avatar_URL` is never loaded, since it is a Gravatar
 * address too, carrying a hash of the email (MD5 in WordPress.com's answers), and it would reach Gravatar with the
 * "Show Gravatar profile" option off (then no profile is kept, and no picture is asked for).
 */
export function profileAvatar(
  profile: Pick<Profile, 'displayName'>,
  gravatar: GravatarProfile | undefined,
): { src: string; alt: string } | undefined {
  if (!gravatar?.avatarUrl) return undefined;
  const name = profile.displayName;
  const description = filled(gravatar.avatarAltText);
  return {
    src: gravatar.avatarUrl,
    alt: description
      ? i18n.t('popup.profile.avatarAltDescribed', { name, description })
      : i18n.t('popup.profile.avatarAlt', { name }),
  };
}

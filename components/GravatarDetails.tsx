import { i18n } from '#i18n';
import type { GravatarProfile } from '../utils/profile';
import { gravatarLines, hasGravatarDetails, verifiedAccountLinks } from './gravatar-words';
import { Sentence, slot } from './Sentence';

/** The accounts Gravatar verified as the person's, each a link named by its service. */
function VerifiedAccounts({ gravatar }: { gravatar: GravatarProfile }) {
  const links = verifiedAccountLinks(gravatar);
  if (links.length === 0) return null;
  return (
    <>
      <p id="gravatar-accounts-title" class="small muted accounts-title">
        {i18n.t('popup.gravatar.verifiedAccounts')}
      </p>
      <ul class="accounts" aria-labelledby="gravatar-accounts-title">
        {links.map((link) => (
          <li key={link.url}>
            <a href={link.url} target="_blank" rel="noreferrer">
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

/** What the person's public Gravatar profile adds to WordPress.com's: other name, pronouns, work, place, bio, accounts. */
export function GravatarDetails({ gravatar, wpcomName }: { gravatar: GravatarProfile; wpcomName: string }) {
  if (!hasGravatarDetails(gravatar, wpcomName)) return null;
  const lines = gravatarLines(gravatar, wpcomName);
  return (
    <section class="gravatar" aria-labelledby="gravatar-title">
      <h3 id="gravatar-title" class="section-title">
        {i18n.t('popup.gravatar.title')}
      </h3>
      {lines.otherName ? (
        <p class="gravatar-name">
          <Sentence text={i18n.t('popup.gravatar.knownAs', [slot(0)])} parts={[<strong>{lines.otherName}</strong>]} />
        </p>
      ) : null}
      {lines.pronouns ? <p class="pronouns muted">{lines.pronouns}</p> : null}
      {lines.work ? <p class="work">{lines.work}</p> : null}
      {lines.location ? <p class="location muted">{lines.location}</p> : null}
      {lines.description ? <p class="description">{lines.description}</p> : null}
      <VerifiedAccounts gravatar={gravatar} />
      {gravatar.profileUrl ? (
        <p class="small">
          <a href={gravatar.profileUrl} target="_blank" rel="noreferrer">
            {i18n.t('popup.gravatar.fullProfile')}
          </a>
        </p>
      ) : null}
    </section>
  );
}

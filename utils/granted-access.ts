/**
 * Whether WordPress.com gave a new token more than the person asked for, or other access. The docs call `scope`
 * space-separated while their examples use commas (docs/wpcom-api.md): a list read differently could come back as
 * the whole site. And the consent page lets the person pick another account, whose site WordPress.com then gives
 * (the emulator does so too). Such a token is kept (the person approved what WordPress.com's consent page showed,
 * and dropping it would leave it live and out of their reach), and they are told, with what they asked for and what
 * they got. Pure.
 */
import { i18n } from '#i18n';
import type { AccessRequest } from './access';
import type { Connection } from './connection';
import { ConnectError } from './errors';

type Reach = Pick<Connection, 'kind' | 'scope'>;

/** More than asked: any site for a profile sign-in; all sites for one; the whole site, or other scopes, for some. */
export function widerThanAsked(asked: AccessRequest, granted: Reach): boolean {
  if (asked.level === 'global') return false;
  if (asked.level === 'profile') return granted.kind !== 'login';
  if (granted.kind === 'global') return true;
  if (granted.kind === 'login' || asked.scopes.length === 0) return false;
  const allowed: ReadonlySet<string> = new Set(asked.scopes);
  return granted.scope.length === 0 || granted.scope.some((scope) => !allowed.has(scope));
}

function reachWords(reach: { kind: Connection['kind']; scope: readonly string[] }): string {
  if (reach.kind === 'login') return i18n.t('access.profile.label');
  if (reach.kind === 'global') return i18n.t('access.global.label');
  return reach.scope.length === 0
    ? i18n.t('access.wholeSite')
    : i18n.t('access.siteScopes', { scopes: reach.scope.join(', ') });
}

function askedReach(asked: AccessRequest): Reach {
  if (asked.level === 'site') return { kind: 'site', scope: asked.scopes };
  return asked.level === 'profile' ? { kind: 'login', scope: ['auth'] } : { kind: 'global', scope: ['global'] };
}

/** The notice for a new token wider than asked (`access_wider`), or undefined when it is not. */
export function widerAccessNotice(asked: AccessRequest, granted: Reach): ConnectError | undefined {
  if (!widerThanAsked(asked, granted)) return undefined;
  return new ConnectError(
    'access_wider',
    i18n.t('detail.accessWider', { asked: reachWords(askedReach(asked)), granted: reachWords(granted) }),
  );
}

/**
 * The notice for a new token that is wider than asked (`access_wider`), or other than asked (`access_other`): all
 * sites asked and less given, a site asked and only the profile given, or a site asked by its ID and another site
 * given. A site asked by its address is not compared: WordPress.com answers with the site's primary address, which a
 * mapped domain makes another host for the same site. Undefined when the token is what was asked for.
 */
export function grantedAccessNotice(
  asked: AccessRequest,
  granted: Reach & Pick<Connection, 'blogId' | 'blogUrl'>,
): ConnectError | undefined {
  const wider = widerAccessNotice(asked, granted);
  if (wider) return wider;
  const words = { asked: reachWords(askedReach(asked)), granted: reachWords(granted) };
  if (asked.level === 'global' && granted.kind !== 'global') {
    return new ConnectError('access_other', i18n.t('detail.accessWider', words));
  }
  if (asked.level !== 'site') return undefined;
  if (granted.kind !== 'site') return new ConnectError('access_other', i18n.t('detail.accessWider', words));
  if (asked.blog === undefined || !/^\d+$/.test(asked.blog) || granted.blogId === null) return undefined;
  if (String(granted.blogId) === asked.blog) return undefined;
  const site = granted.blogUrl ? hostOf(granted.blogUrl) : String(granted.blogId);
  return new ConnectError('access_other', i18n.t('detail.accessOtherSite', { asked: asked.blog, granted: site }));
}

const hostOf = (address: string) => {
  try {
    return new URL(address).host;
  } catch {
    return address;
  }
};

/**
 * The notice for a stored connection that token-info says reaches more than it was shown with (its stored reach is
 * corrected: connection-health.ts), or undefined when it does not. `label` names the connection.
 */
export function widenedConnectionNotice(stored: AccessRequest, found: Reach, label: string): ConnectError | undefined {
  if (!widerThanAsked(stored, found)) return undefined;
  return new ConnectError(
    'access_wider',
    i18n.t('detail.accessWiderFound', {
      connection: label,
      shown: reachWords(askedReach(stored)),
      found: reachWords(found),
    }),
  );
}

/** The options form as typed, and the AccessRequest it stands for once the site field is valid. */
import type { AccessRequest } from '../../utils/access';
import { type SiteScope, siteRefProblem } from '../../utils/access-choices';
import type { AccessLevel } from '../access-words';

export interface AccessDraft {
  level: AccessLevel;
  /** As typed; empty means "pick the site on WordPress.com". */
  site: string;
  scopes: SiteScope[];
}

export function draftFromAccess(access: AccessRequest): AccessDraft {
  if (access.level === 'site') return { level: 'site', site: access.blog ?? '', scopes: [...access.scopes] };
  return { level: access.level, site: '', scopes: [] };
}

/** Why the site field cannot be used, or undefined when it can (empty is fine: it is optional). */
export function siteProblem(site: string): string | undefined {
  return site.trim() === '' ? undefined : siteRefProblem(site);
}

export type DraftResult = { ok: true; access: AccessRequest } | { ok: false; siteProblem: string };

export function accessFromDraft(draft: AccessDraft): DraftResult {
  if (draft.level !== 'site') return { ok: true, access: { level: draft.level } };
  const problem = siteProblem(draft.site);
  if (problem) return { ok: false, siteProblem: problem };
  const blog = draft.site.trim();
  return { ok: true, access: { level: 'site', ...(blog ? { blog } : {}), scopes: draft.scopes } };
}

import { expect, test } from 'vitest';
import { accessFromDraft, draftFromAccess } from './access-draft';

test('a draft round-trips to the access it stands for', () => {
  const access = { level: 'site', blog: 'example.wordpress.com', scopes: ['posts'] } as const;
  expect(accessFromDraft(draftFromAccess({ ...access, scopes: [...access.scopes] }))).toEqual({
    ok: true,
    access: { ...access, scopes: ['posts'] },
  });
  expect(accessFromDraft({ level: 'global', site: 'ignored', scopes: [] })).toEqual({
    ok: true,
    access: { level: 'global' },
  });
});

test('an empty site is left out; a wrong one is refused with a reason', () => {
  expect(accessFromDraft({ level: 'site', site: '  ', scopes: [] })).toEqual({
    ok: true,
    access: { level: 'site', scopes: [] },
  });
  const wrong = accessFromDraft({ level: 'site', site: 'not a site!', scopes: [] });
  expect(wrong.ok).toBe(false);
  if (!wrong.ok) expect(wrong.siteProblem).toMatch(/site address/);
});

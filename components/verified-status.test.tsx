/**
 * "Verified" explained: WordPress.com's `verified` and, when sent, its `email_verified`. When the two disagree the
 * popup says so, instead of one sentence contradicting the other.
 */
import { afterEach, expect, test } from 'vitest';
import type { Profile } from '../utils/profile';
import { ALICE } from '../utils/testing/fixtures';
import { type RenderedPopup, renderPopup } from './testing/popup-dom';
import { VerifiedStatus } from './VerifiedStatus';

let shown: RenderedPopup | undefined;
afterEach(() => {
  shown?.close();
  shown = undefined;
});

const explained = (profile: Profile) => {
  shown?.close();
  shown = renderPopup(
    () => ({ ok: false, error: { code: 'unexpected', message: 'unused' } }),
    <VerifiedStatus profile={profile} />,
  );
  return shown.text();
};

test('both agree: "also", and what verified means for the address', () => {
  expect(explained({ ...ALICE, verified: true, emailVerified: true })).toMatch(
    /also reports the email address shown here as confirmed\.It shows the address reaches this person/,
  );
  expect(explained({ ...ALICE, verified: false, emailVerified: false })).toMatch(
    /also reports the email address shown here as not confirmed yet\.Until then/,
  );
});

test('they disagree: said as such, and nothing claims the address reaches the person', () => {
  const notVerified = explained({ ...ALICE, verified: false, emailVerified: true });
  expect(notVerified).toContain('Not verified');
  expect(notVerified).toMatch(/separate email check reports the address shown here as confirmed, though/);
  expect(notVerified).not.toContain('also reports');
  const verified = explained({ ...ALICE, verified: true, emailVerified: false });
  expect(verified).toMatch(/as not confirmed yet, though the account is marked verified/);
  expect(verified).not.toContain('reaches this person');
});

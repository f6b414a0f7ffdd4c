import { expect, test } from 'vitest';
import type { GravatarProfile, Profile } from '../utils/profile';
import {
  gravatarLines,
  hasGravatarDetails,
  profileAvatar,
  pronounWords,
  verifiedAccountLinks,
  workWords,
} from './gravatar-words';

const gravatar: GravatarProfile = {
  hash: 'a'.repeat(64),
  displayName: 'Alice Example',
  profileUrl: 'https://gravatar.example/alicewrites',
  avatarUrl: 'https://gravatar.example/avatar/aaa',
  avatarAltText: 'Alice smiling in front of a bookshelf',
  location: 'Lisbon, Portugal',
  jobTitle: 'Technical writer',
  company: 'Example Press',
  description: 'Writes about the web.',
  pronouns: 'she/her',
  pronunciation: 'AL-iss',
  verifiedAccounts: [
    { serviceType: 'mastodon', serviceLabel: 'Mastodon', url: 'https://mastodon.example/@alicewrites' },
    { serviceType: 'github', serviceLabel: ' ', url: 'https://github.example/alicewrites' },
  ],
  fetchedAt: 1,
};

const profile: Profile = {
  id: 1001,
  displayName: 'Alice Example',
  username: 'alicewrites',
  email: 'alice@example.com',
  avatarUrl: 'https://wpcom.example/avatar/aaa',
  verified: true,
  fetchedAt: 1,
};

test('job title and company make one line, either alone still reads', () => {
  expect(workWords('Technical writer', 'Example Press')).toBe('Technical writer at Example Press');
  expect(workWords('Technical writer', '  ')).toBe('Technical writer');
  expect(workWords(undefined, 'Example Press')).toBe('Works at Example Press');
  expect(workWords('', undefined)).toBeUndefined();
});

test('pronouns and pronunciation', () => {
  expect(pronounWords('she/her', 'AL-iss')).toBe('she/her · pronounced AL-iss');
  expect(pronounWords('she/her', undefined)).toBe('she/her');
  expect(pronounWords(undefined, 'AL-iss')).toBe('Pronounced AL-iss');
  expect(pronounWords(' ', '')).toBeUndefined();
});

test('the Gravatar name shows only when it differs from WordPress.com’s; blank fields leave no line', () => {
  expect(gravatarLines(gravatar, 'Alice Example')).toEqual({
    pronouns: 'she/her · pronounced AL-iss',
    work: 'Technical writer at Example Press',
    location: 'Lisbon, Portugal',
    description: 'Writes about the web.',
  });
  expect(gravatarLines({ ...gravatar, location: ' ' }, 'alice example').location).toBeUndefined();
  expect(gravatarLines(gravatar, 'alicewrites').otherName).toBe('Alice Example');
  const bare: GravatarProfile = { hash: gravatar.hash, verifiedAccounts: [], fetchedAt: 1 };
  expect(gravatarLines(bare, 'Alice Example')).toEqual({});
  expect(hasGravatarDetails(bare, 'Alice Example')).toBe(false);
  expect(hasGravatarDetails({ ...bare, profileUrl: gravatar.profileUrl }, 'Alice Example')).toBe(true);
});

test('verified accounts are named by their service, by its type when the label is blank', () => {
  expect(verifiedAccountLinks(gravatar)).toEqual([
    { label: 'Mastodon', url: 'https://mastodon.example/@alicewrites' },
    { label: 'github', url: 'https://github.example/alicewrites' },
  ]);
});

test('the Gravatar avatar is described by its own alt text, and still named as theirs', () => {
  expect(profileAvatar(profile, gravatar)).toEqual({
    src: 'https://gravatar.example/avatar/aaa',
    alt: 'Avatar of Alice Example: Alice smiling in front of a bookshelf',
  });
  expect(profileAvatar(profile, { ...gravatar, avatarAltText: '' })?.alt).toBe('Avatar of Alice Example');
  // WordPress.com's avatar_URL (a Gravatar address with a hash of the email) is never loaded: without Gravatar's
  // own profile, kept only while "Show Gravatar profile" is on, there is no picture.
  expect(profileAvatar(profile, undefined)).toBeUndefined();
  expect(profileAvatar(profile, { ...gravatar, avatarUrl: undefined })).toBeUndefined();
});

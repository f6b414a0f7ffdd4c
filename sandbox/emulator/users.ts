/** The two emulated WordPress.com accounts: a verified one with a Gravatar profile and an unverified one without. */
import { sha256Hex } from './random.ts';

export type UserKey = 'alice' | 'bob';

export interface GravatarFixture {
  location: string;
  jobTitle: string;
  company: string;
  description: string;
  pronouns: string;
  pronunciation: string;
  avatarAltText: string;
  verifiedAccounts: { serviceType: string; serviceLabel: string; url: string }[];
}

export interface EmulatorUser {
  key: UserKey;
  id: number;
  username: string;
  displayName: string;
  email: string;
  verified: boolean;
  primaryBlog: number;
  primaryBlogUrl: string;
  language: string;
  /** When the account was made, as WordPress.com prints it. */
  date: string;
  gravatar: GravatarFixture | null;
}

export const USERS: readonly EmulatorUser[] = [
  {
    key: 'alice',
    id: 1001,
    username: 'alicewrites',
    displayName: 'Alice Example',
    email: 'alice@example.com',
    verified: true,
    primaryBlog: 5001,
    primaryBlogUrl: 'https://alicewrites.wordpress.com',
    language: 'en',
    date: '2016-03-14T09:26:53+00:00',
    gravatar: {
      location: 'Lisbon, Portugal',
      jobTitle: 'Technical writer',
      company: 'Example Press',
      description: 'Writes about the web, trains and small gardens.',
      pronouns: 'she/her',
      pronunciation: 'AL-iss',
      avatarAltText: 'Alice smiling in front of a bookshelf',
      verifiedAccounts: [
        { serviceType: 'mastodon', serviceLabel: 'Mastodon', url: 'https://mastodon.example/@alicewrites' },
        { serviceType: 'github', serviceLabel: 'GitHub', url: 'https://github.example/alicewrites' },
      ],
    },
  },
  {
    key: 'bob',
    id: 1002,
    username: 'bobunverified',
    displayName: 'Bob Unverified',
    email: 'bob@example.org',
    verified: false,
    primaryBlog: 5002,
    primaryBlogUrl: 'https://bobunverified.wordpress.com',
    language: 'en',
    date: '2024-11-02T17:05:11+00:00',
    gravatar: null,
  },
];

export function userByKey(key: UserKey): EmulatorUser {
  const user = USERS.find((candidate) => candidate.key === key);
  if (!user) throw new Error(`No emulated user "${key}"`);
  return user;
}

/** Finds a user by WordPress.com username, or by the short key (`alice`, `bob`) the test tools use. */
export function userByName(name: string): EmulatorUser | undefined {
  return USERS.find((user) => user.username === name || user.key === name);
}

/** Gravatar's profile and avatar hash: sha256 of the trimmed, lowercased email. */
export function emailHash(user: EmulatorUser): Promise<string> {
  return sha256Hex(user.email.trim().toLowerCase());
}

export async function userByEmailHash(hash: string): Promise<EmulatorUser | undefined> {
  for (const user of USERS) if ((await emailHash(user)) === hash) return user;
  return undefined;
}

/** The body of Gravatar's GET /v3/profiles/{hash} for a user with a profile. */
import type { EmulatorUser, GravatarFixture } from './users.ts';

export function gravatarProfile(
  user: EmulatorUser & { gravatar: GravatarFixture },
  hash: string,
  base: string,
): Record<string, unknown> {
  const { gravatar } = user;
  return {
    hash,
    display_name: user.displayName,
    profile_url: `${base}/gravatar-profile/${user.username}`,
    avatar_url: `${base}/avatar/${hash}`,
    avatar_alt_text: gravatar.avatarAltText,
    location: gravatar.location,
    description: gravatar.description,
    job_title: gravatar.jobTitle,
    company: gravatar.company,
    verified_accounts: gravatar.verifiedAccounts.map((account) => ({
      service_type: account.serviceType,
      service_label: account.serviceLabel,
      service_icon: `${base}/gravatar-icons/${account.serviceType}.svg`,
      url: account.url,
      is_hidden: false,
    })),
    pronunciation: gravatar.pronunciation,
    pronouns: gravatar.pronouns,
  };
}

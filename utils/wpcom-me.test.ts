import { describe, expect, test } from 'vitest';
import { processMeResponse } from './wpcom-me';

describe('/me links', () => {
  const me = {
    ID: 7,
    display_name: 'Alice',
    username: 'alice',
    email: 'alice@example.com',
    verified: true,
  };

  test.for(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'not a url'])(
    'a picture or profile link %j is dropped; the rest of the profile is kept',
    async (link) => {
      const answer = Response.json({ ...me, avatar_URL: link, profile_URL: link });
      const profile = await processMeResponse(answer, 1);
      expect(profile).toMatchObject({ id: 7, username: 'alice', verified: true });
      expect(profile.avatarUrl).toBeUndefined();
      expect(profile.profileUrl).toBeUndefined();
    },
  );

  test('http(s) links are kept', async () => {
    const answer = Response.json({
      ...me,
      avatar_URL: 'https://gravatar.com/avatar/abc',
      profile_URL: 'http://alice.example/',
    });
    const profile = await processMeResponse(answer, 1);
    expect(profile.avatarUrl).toBe('https://gravatar.com/avatar/abc');
    expect(profile.profileUrl).toBe('http://alice.example/');
  });
});

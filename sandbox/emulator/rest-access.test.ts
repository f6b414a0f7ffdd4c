/**
 * Who reaches which REST endpoint: every token kind against every endpoint, narrowed scopes, own and other
 * sites, unknown sites, host-name addressing, and the order of the checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS as CATALOGUE } from '../../utils/endpoint-catalogue.ts';
import { emulatorControl } from './control-client.ts';
import { ACCESS } from './rest-access.ts';
import { routeOf } from './rest-paths.ts';
import { type RunningEmulator, startEmulator } from './start-emulator.ts';
import {
  expectRestError,
  freshToken,
  REST_ERRORS,
  restGet,
  SANDBOX,
  SANDBOX_API,
  TEST_CLIENTS,
} from './test-support.ts';

let emulator: RunningEmulator;
/** Tokens by name, made once: the tests here only read. */
const tokens: Record<string, string> = {};
const token = (name: string) => {
  const value = tokens[name];
  if (value === undefined) throw new Error(`No token "${name}"`);
  return value;
};

const siteGrant = { endpoint: 'authorize' } as const;

beforeAll(async () => {
  emulator = await startEmulator({ clients: TEST_CLIENTS });
  await emulatorControl(emulator.url).reset();
  tokens.login = await freshToken(emulator);
  tokens.site = await freshToken(emulator, siteGrant);
  tokens.site5003 = await freshToken(emulator, { ...siteGrant, blogId: 5003 });
  tokens.global = await freshToken(emulator, { ...siteGrant, scope: 'global' });
  tokens.bobGlobal = await freshToken(emulator, { ...siteGrant, scope: 'global', user: 'bob' });
  tokens.bobSite = await freshToken(emulator, { ...siteGrant, user: 'bob' });
  for (const scope of ['users', 'sites', 'posts', 'stats', 'read', 'media']) {
    tokens[`narrowed:${scope}`] = await freshToken(emulator, { ...siteGrant, scope });
  }
  tokens['narrowed:posts,stats'] = await freshToken(emulator, { ...siteGrant, scope: 'posts,stats' });
});
afterAll(() => emulator.close());

type Outcome = 'ok' | 'scope';
/**
 * The contract, written out: [path, login, whole-site token, site token narrowed to `right`, site token
 * narrowed to `wrong`, global]. Site paths name alice's primary site, the one her site tokens were granted.
 */
const TABLE: [path: string, right: string, wrong: string, Outcome, Outcome, Outcome, Outcome, Outcome][] = [
  ['me', 'posts', 'media', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['me/settings', 'users', 'posts', 'scope', 'ok', 'ok', 'scope', 'ok'],
  ['me/sites', 'sites', 'posts', 'scope', 'ok', 'ok', 'scope', 'ok'],
  ['sites/5001', 'sites', 'posts', 'scope', 'ok', 'ok', 'scope', 'ok'],
  ['sites/5001/posts', 'posts', 'stats', 'scope', 'ok', 'ok', 'scope', 'ok'],
  ['sites/5001/stats', 'stats', 'posts', 'scope', 'ok', 'ok', 'scope', 'ok'],
  ['read/following/mine', 'read', 'posts', 'scope', 'ok', 'ok', 'scope', 'ok'],
  ['read/liked', 'read', 'users', 'scope', 'ok', 'ok', 'scope', 'ok'],
  ['me/connected-applications', 'users', 'sites', 'scope', 'scope', 'scope', 'scope', 'ok'],
];

async function expectOutcome(response: Response, outcome: Outcome): Promise<void> {
  if (outcome === 'scope') return expectRestError(response, 403, REST_ERRORS.scopeTooNarrow);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  await response.json();
}

describe('the access table', () => {
  describe.each(TABLE)('GET %s', (path, right, wrong, login, site, narrowedRight, narrowedWrong, global) => {
    it(`login token: ${login}`, async () => expectOutcome(await restGet(emulator, path, token('login')), login));
    it(`whole-site token: ${site}`, async () => expectOutcome(await restGet(emulator, path, token('site')), site));
    it(`site token narrowed to ${right}: ${narrowedRight}`, async () => {
      await expectOutcome(await restGet(emulator, path, token(`narrowed:${right}`)), narrowedRight);
    });
    it(`site token narrowed to ${wrong}: ${narrowedWrong}`, async () => {
      await expectOutcome(await restGet(emulator, path, token(`narrowed:${wrong}`)), narrowedWrong);
    });
    it(`global token: ${global}`, async () => expectOutcome(await restGet(emulator, path, token('global')), global));
  });

  it('lets a token narrowed to several scopes use each of them', async () => {
    const both = token('narrowed:posts,stats');
    expect((await restGet(emulator, 'sites/5001/posts', both)).status).toBe(200);
    expect((await restGet(emulator, 'sites/5001/stats', both)).status).toBe(200);
    await expectRestError(await restGet(emulator, 'sites/5001', both), 403, REST_ERRORS.scopeTooNarrow);
  });

  it('agrees with the extension’s endpoint catalogue', () => {
    for (const entry of CATALOGUE) {
      const route = routeOf(entry.method, entry.path.replace(/^\/v1\.1\//, '').replace('{site}', 'example.com'));
      expect(route?.id, entry.path).toBe(entry.id);
      const rule = ACCESS[route?.id ?? 'me'];
      expect([...rule.kinds].sort(), entry.id).toEqual([...entry.kinds].sort());
      expect(rule.siteScope, entry.id).toBe(entry.siteScope);
      expect(rule.siteBound ?? false, entry.id).toBe(entry.siteBound ?? false);
    }
    const readable = Object.keys(ACCESS).filter((id) => id !== 'delete-app');
    expect(readable.sort()).toEqual(CATALOGUE.map((entry) => entry.id).sort());
  });
});

describe('which sites a token reaches', () => {
  const SITE_PATHS = ['', '/posts', '/stats'];

  it.each(SITE_PATHS)('a one-site token reaches only its own site (sites/…%s)', async (suffix) => {
    expect((await restGet(emulator, `sites/5001${suffix}`, token('site'))).status).toBe(200);
    expect((await restGet(emulator, `sites/5003${suffix}`, token('site5003'))).status).toBe(200);
    for (const [name, other] of [
      ['site', 5003], // the user's other site
      ['site', 5002], // bob's
      ['site', 5004], // nobody's here
      ['site5003', 5001],
      ['bobSite', 5001],
    ] as const) {
      await expectRestError(
        await restGet(emulator, `sites/${other}${suffix}`, token(name)),
        403,
        REST_ERRORS.cannotAccessBlog,
      );
    }
  });

  it.each(SITE_PATHS)(
    'a global token reaches every site of the user’s and no one else’s (sites/…%s)',
    async (suffix) => {
      for (const own of [5001, 5003])
        expect((await restGet(emulator, `sites/${own}${suffix}`, token('global'))).status).toBe(200);
      expect((await restGet(emulator, `sites/5002${suffix}`, token('bobGlobal'))).status).toBe(200);
      for (const [name, other] of [
        ['global', 5002],
        ['global', 5004],
        ['bobGlobal', 5001],
        ['bobGlobal', 5003],
      ] as const) {
        await expectRestError(
          await restGet(emulator, `sites/${other}${suffix}`, token(name)),
          403,
          REST_ERRORS.cannotAccessBlog,
        );
      }
    },
  );

  it.each([
    ['', 'sites'],
    ['/posts', 'posts'],
    ['/stats', 'stats'],
  ])('answers 404 unknown_blog for a site that does not exist (sites/…%s)', async (suffix, scope) => {
    for (const name of ['site', 'global', 'bobSite', `narrowed:${scope}`]) {
      for (const unknown of ['999999', 'nosuchsite.wordpress.com']) {
        const response = await restGet(emulator, `sites/${unknown}${suffix}`, token(name));
        await expectRestError(response, 404, REST_ERRORS.unknownBlog);
      }
    }
  });

  it('addresses sites by host name as well as by ID, in any case, with a trailing slash', async () => {
    const byHost = await restGet(emulator, 'sites/alicecooks.wordpress.com', token('global'));
    expect(await byHost.json()).toMatchObject({ ID: 5003, URL: 'https://alicecooks.wordpress.com' });
    const mixedCase = await restGet(emulator, 'sites/AliceWrites.WordPress.com/posts/', token('site'));
    expect(await mixedCase.json()).toMatchObject({ found: 3 });
    await expectRestError(
      await restGet(emulator, 'sites/someone-else.wordpress.com/stats', token('global')),
      403,
      REST_ERRORS.cannotAccessBlog,
    );
    await expectRestError(
      await restGet(emulator, 'sites/alicecooks.wordpress.com/stats', token('site')),
      403,
      REST_ERRORS.cannotAccessBlog,
    );
  });
});

describe('the order of the checks', () => {
  it('judges the token before anything else', async () => {
    await expectRestError(await restGet(emulator, 'sites/999999/posts', null), 403, REST_ERRORS.noActiveToken);
    await expectRestError(await restGet(emulator, 'sites/999999/posts', 'nope)%&@(^'), 400, REST_ERRORS.badToken);
    await expectRestError(
      await restGet(emulator, 'sites/5004/posts', token('global'), { Origin: 'https://evil.example' }),
      403,
      REST_ERRORS.badOrigin,
    );
  });

  it('judges the token’s kind and scopes before the site', async () => {
    await expectRestError(await restGet(emulator, 'sites/999999', token('login')), 403, REST_ERRORS.scopeTooNarrow);
    await expectRestError(
      await restGet(emulator, 'sites/5004/posts', token('narrowed:stats')),
      403,
      REST_ERRORS.scopeTooNarrow,
    );
  });

  it('looks the site up before judging whose it is', async () => {
    await expectRestError(
      await restGet(emulator, 'sites/999999/stats', token('bobSite')),
      404,
      REST_ERRORS.unknownBlog,
    );
  });

  it('refuses a revoked token everywhere', async () => {
    const revoked = await freshToken(emulator, { ...siteGrant, user: 'bob', scope: 'global' });
    await fetch(`${emulator.apiUrl}/v1.1/me/connected-applications/${SANDBOX_API.clientId}/delete`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${revoked}` },
    });
    for (const path of ['me', 'me/sites', 'sites/5002/posts', 'read/liked']) {
      await expectRestError(await restGet(emulator, path, revoked), 403, REST_ERRORS.noActiveToken);
    }
    tokens.bobGlobal = await freshToken(emulator, { ...siteGrant, scope: 'global', user: 'bob' });
    tokens.bobSite = await freshToken(emulator, { ...siteGrant, user: 'bob' });
  });

  it('keeps unknown paths unknown, and a login token refused everywhere but /me', async () => {
    for (const path of ['no/such/thing', 'sites/5001/comments', 'me/settings/extra']) {
      await expectRestError(await restGet(emulator, path, token('global')), 404, REST_ERRORS.unknownEndpoint);
      await expectRestError(await restGet(emulator, path, token('login')), 403, REST_ERRORS.scopeTooNarrow);
    }
    const posted = await fetch(`${emulator.apiUrl}/v1.1/me/settings`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token('global')}` },
    });
    await expectRestError(posted, 404, REST_ERRORS.unknownEndpoint);
  });

  it('lets a listed browser origin read the answers', async () => {
    const origin = SANDBOX.javascriptOrigins[0] ?? '';
    const response = await restGet(emulator, 'sites/5001/posts', token('site'), { Origin: origin });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
  });
});

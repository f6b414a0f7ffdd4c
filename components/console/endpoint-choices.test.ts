import { expect, test } from 'vitest';
import type { ConnectionView } from '../../utils/connection';
import { ENDPOINT_META } from '../../utils/endpoint-meta';
import {
  defaultEndpointId,
  endpointChoices,
  initialParamValues,
  paramProblems,
  paramsToSend,
  startingEndpointId,
} from './endpoint-choices';

const login: ConnectionView = {
  id: 'abcdefgh',
  kind: 'login',
  scope: ['auth'],
  blogId: null,
  blogUrl: null,
  obtainedAt: 1,
};
const site: ConnectionView = { ...login, kind: 'site', scope: ['posts'], blogId: 123, blogUrl: 'https://a.example' };

test('every endpoint is listed; those out of reach are disabled with the reason', () => {
  const choices = endpointChoices(login);
  expect(choices).toHaveLength(ENDPOINT_META.length);
  const sites = choices.find((choice) => choice.endpoint.id === 'me-sites');
  expect(sites).toMatchObject({ disabled: true, label: 'Your sites — GET /v1.1/me/sites (needs a site token)' });
  expect(defaultEndpointId(choices)).toBe('me');
});

test('what only our table assumes is not disabled: it says the access may not cover it, and is sent anyway', () => {
  // A one-site connection narrowed to "posts": which scope /me/settings needs is not documented.
  const choices = endpointChoices(site);
  const settings = choices.find((choice) => choice.endpoint.id === 'me-settings');
  expect(settings).toMatchObject({
    disabled: false,
    label: 'Your account settings — GET /v1.1/me/settings (it may need the “users” scope)',
    caution: expect.stringMatching(/may not cover this endpoint \(it may need the “users” scope\)\. It is sent anyway/),
  });
  expect(choices.find((choice) => choice.endpoint.id === 'connected-apps')).toMatchObject({
    disabled: false,
    caution: expect.stringContaining('it may need an “All sites” token'),
  });
  const posts = choices.find((choice) => choice.endpoint.id === 'site-posts');
  expect(posts).toMatchObject({ disabled: false, label: 'A site’s posts — GET /v1.1/sites/{site}/posts' });
  expect(posts?.caution).toBeUndefined();
  expect(choices.every((choice) => !choice.disabled)).toBe(true);
  // The console opens on one the connection surely reaches.
  expect(defaultEndpointId(choices)).toBe('me');
  const whole = endpointChoices({ ...site, scope: [] });
  expect(whole.filter((choice) => choice.caution).map((choice) => choice.endpoint.id)).toEqual(['connected-apps']);
});

test('a one-site connection starts with its own site, and only filled parameters of the endpoint are sent', () => {
  expect(initialParamValues(site)).toEqual({ site: '123' });
  expect(initialParamValues(login)).toEqual({});
  const posts = ENDPOINT_META.find((endpoint) => endpoint.id === 'site-posts');
  if (!posts) throw new Error('site-posts is in the catalogue');
  expect(paramsToSend(posts, { site: ' 123 ', number: '', other: 'x' })).toEqual({ site: '123' });
  expect(Object.keys(paramProblems(posts, { number: 'many' })).sort()).toEqual(['number', 'site']);
  expect(paramProblems(posts, { site: '123', number: '5' })).toEqual({});
});

test("the console starts on the draft's endpoint while the connection may call it, else on the default", () => {
  expect(startingEndpointId(endpointChoices(site), { endpoint: 'site-posts' })).toBe('site-posts');
  expect(startingEndpointId(endpointChoices(site), undefined)).toBe('me');
  // Out of reach (a login token), or gone from the catalogue: the default.
  expect(startingEndpointId(endpointChoices(login), { endpoint: 'me-sites' })).toBe('me');
  expect(startingEndpointId(endpointChoices(site), { endpoint: 'no-such-endpoint' })).toBe('me');
});

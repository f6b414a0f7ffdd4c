import { expect, test } from 'vitest';
import type { ConnectionView } from '../../utils/connection';
import { ENDPOINT_META } from '../../utils/endpoint-meta';
import {
  defaultEndpointId,
  endpointChoices,
  initialParamValues,
  paramProblems,
  paramsToSend,
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

test('a one-site connection starts with its own site, and only filled parameters of the endpoint are sent', () => {
  expect(initialParamValues(site)).toEqual({ site: '123' });
  expect(initialParamValues(login)).toEqual({});
  const posts = ENDPOINT_META.find((endpoint) => endpoint.id === 'site-posts');
  if (!posts) throw new Error('site-posts is in the catalogue');
  expect(paramsToSend(posts, { site: ' 123 ', number: '', other: 'x' })).toEqual({ site: '123' });
  expect(Object.keys(paramProblems(posts, { number: 'many' })).sort()).toEqual(['number', 'site']);
  expect(paramProblems(posts, { site: '123', number: '5' })).toEqual({});
});

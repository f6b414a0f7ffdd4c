/**
 * The console's plain catalogue (pages, no zod) and the worker's catalogue (zod) describe the same endpoints
 * and refuse the same parameter values, with the same words; and the options page's site check is the
 * worker's `siteRefSchema`.
 */
import { expect, test } from 'vitest';
import { siteRefSchema } from './access';
import { siteRefProblem } from './access-choices';
import { ENDPOINTS } from './endpoint-catalogue';
import { ENDPOINT_META, paramValueProblem } from './endpoint-meta';

test('the worker’s catalogue is the plain one with schemas added', () => {
  expect(
    ENDPOINTS.map(({ response: _, params, ...rest }) => ({ ...rest, params: params.map(({ schema: _s, ...p }) => p) })),
  ).toEqual(ENDPOINT_META);
  for (const endpoint of ENDPOINTS) expect(endpoint.response, endpoint.id).toBeDefined();
});

const SAMPLES = [
  '',
  ' ',
  '0',
  '1',
  '7',
  '100',
  '101',
  '1000',
  '-1',
  '1.5',
  ' 42 ',
  '12345',
  '123456789012345678901',
  'example.wordpress.com',
  'Example.WordPress.com',
  ' example.com ',
  'example',
  'ex_ample.com',
  '-example.com',
  'example.com/blog',
  'https://example.com',
  '..',
  'a.b',
  'publish',
  'draft',
  'Draft',
  ' any',
  'any',
  'futures',
  'trash',
  'publish,draft',
  'publish, draft ',
  'draft,trash,future',
  'any,draft',
  'draft,any',
  'draft,',
  ',',
  'publish,,draft',
  'publish;draft',
];

test('every parameter value the worker refuses, the console flags with the same words, and no other', () => {
  for (const endpoint of ENDPOINTS) {
    for (const param of endpoint.params) {
      for (const value of SAMPLES) {
        const parsed = param.schema.safeParse(value);
        const plain = paramValueProblem(param.rule, value);
        expect(plain === undefined, `${endpoint.id} ${param.name} ${JSON.stringify(value)}`).toBe(parsed.success);
        const zodWords = parsed.success ? undefined : parsed.error.issues[0]?.message;
        // zod's own words give way to the hint in the worker; the catalogue's words are shared.
        if (zodWords?.startsWith('must ')) expect(plain).toBe(zodWords);
      }
    }
  }
});

test('the options page refuses the sites that siteRefSchema refuses, with its words', () => {
  for (const site of [
    '',
    '   ',
    '12345',
    'example.wordpress.com',
    'https://example.com/blog',
    'http://example.com:8080',
    'not a site!',
    'localhost',
    `${'a'.repeat(250)}.com`,
    ' example.com ',
  ]) {
    const parsed = siteRefSchema.safeParse(site);
    expect(siteRefProblem(site), JSON.stringify(site)).toBe(
      parsed.success ? undefined : parsed.error.issues[0]?.message,
    );
  }
});

test('a status list is sent as typed, without the spaces around its commas', () => {
  const status = ENDPOINTS.flatMap((endpoint) => endpoint.params).find((param) => param.name === 'status');
  expect(status?.schema.parse(' publish , draft,trash ')).toBe('publish,draft,trash');
  expect(status?.schema.parse('any')).toBe('any');
  expect(status?.schema.safeParse('any,publish').success).toBe(false);
});

/**
 * The endpoint console's catalogue as the worker uses it: the plain catalogue of `endpoint-meta.ts` (which the
 * pages import) with a zod schema for each parameter, built from its rule, and for each answer (loose: extra
 * fields are fine). Worker-side only: pages import `endpoint-meta.ts`, never this module.
 */
import { z } from 'zod';
import {
  ENDPOINT_META,
  type EndpointId,
  type EndpointMeta,
  type ParamMeta,
  type ParamRule,
  rangeProblem,
  SITE_PARAM_PATTERN,
  SITE_PARAM_PROBLEM,
  WHOLE_NUMBER_PATTERN,
  WHOLE_NUMBER_PROBLEM,
  wordListOf,
  wordListProblem,
} from './endpoint-meta';

export { type Availability, availability } from './endpoint-meta';

export interface ParamSpec extends ParamMeta {
  /** Validates (and may normalise) what the person typed. */
  schema: z.ZodType<string>;
}

export interface EndpointSpec extends EndpointMeta {
  params: readonly ParamSpec[];
  response: z.ZodType;
}

/** The zod schema for a parameter rule; `paramValueProblem` in endpoint-meta.ts says the same in plain code. */
function paramSchema(rule: ParamRule): z.ZodType<string> {
  switch (rule.kind) {
    case 'site':
      return z.string().trim().toLowerCase().regex(SITE_PARAM_PATTERN, SITE_PARAM_PROBLEM);
    case 'count':
      return (
        z
          .string()
          .trim()
          .regex(WHOLE_NUMBER_PATTERN, WHOLE_NUMBER_PROBLEM)
          .refine((value) => Number(value) >= 1 && Number(value) <= rule.max, rangeProblem(rule.max))
          // Sent as the number it is: `007` as `7`.
          .transform((value) => String(Number(value)))
      );
    case 'wordList':
      return z.string().transform((typed, ctx) => {
        const list = wordListOf(rule, typed);
        if (list === undefined) ctx.addIssue({ code: 'custom', message: wordListProblem(rule) });
        return list ?? z.NEVER;
      });
  }
}

const siteSchema = () => z.looseObject({ ID: z.number(), name: z.string(), URL: z.string() });

/** What each endpoint answers, as far as the console checks it (built when the console first calls one). */
const RESPONSES: Record<EndpointId, () => z.ZodType> = {
  me: () => z.looseObject({ ID: z.number(), username: z.string(), display_name: z.string() }),
  'me-settings': () => z.looseObject({ user_login: z.string(), language: z.string() }),
  'me-sites': () => z.looseObject({ sites: z.array(siteSchema()) }),
  site: siteSchema,
  'site-posts': () =>
    z.looseObject({
      found: z.number(),
      posts: z.array(z.looseObject({ ID: z.number(), title: z.string(), URL: z.string() })),
    }),
  'site-stats': () => z.looseObject({ date: z.string(), stats: z.looseObject({}) }),
  'read-following': () =>
    z.looseObject({
      subscriptions: z.array(z.looseObject({ ID: z.union([z.number(), z.string()]) })),
    }),
  'read-liked': () => z.looseObject({ posts: z.array(z.looseObject({ ID: z.number() })) }),
  'connected-apps': () =>
    z.looseObject({
      connected_applications: z.array(z.looseObject({ ID: z.union([z.number(), z.string()]) })),
    }),
};

export const ENDPOINTS: readonly EndpointSpec[] = ENDPOINT_META.map(
  (meta: EndpointMeta): EndpointSpec => ({
    ...meta,
    params: meta.params.map((param) => ({ ...param, schema: z.lazy(() => paramSchema(param.rule)) })),
    response: z.lazy(RESPONSES[meta.id as EndpointId]),
  }),
);

export function findEndpoint(id: string): EndpointSpec | undefined {
  return ENDPOINTS.find((endpoint) => endpoint.id === id);
}

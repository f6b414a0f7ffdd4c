/**
 * The proxy on Cloudflare Workers (`main` in wrangler.toml): the same Hono app as on Node, configured
 * once per isolate from the Worker's vars and secrets, rate-limited per client IP (`CF-Connecting-IP`)
 * by the platform's rate-limiting binding, and logging one JSON line per request to Workers Logs.
 *
 * A misconfigured Worker does not throw: `/healthz` answers 200, `/readyz` answers 503 naming the variables
 * to set, `/token` answers 503 `not_configured`, and the log gets one line saying what is wrong with each, once
 * per isolate.
 */
import type { ExecutionContext } from 'hono';
import { createProxyApp, type ProxyApp, type ProxyAppOptions } from './app';
import { ProxyConfigError, readProxyConfig } from './config';
import { bindingRateLimiter, isRateLimitBinding } from './workers-rate-limit';
import { RATE_LIMIT_BINDING, type WorkerEnv } from './workers-types';

/** Vars and secrets as the record of strings the configuration schema reads; other bindings are left out. */
function stringBindings(env: WorkerEnv): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      strings[name] = String(value);
    }
  }
  return strings;
}

function rateLimiterFor(env: WorkerEnv, off: boolean): ProxyAppOptions['rateLimiter'] | ProxyConfigError {
  // PROXY_RATE_LIMIT_PER_MINUTE=0 turns rate limiting off on Workers too; the limit itself is the binding's.
  if (off) return undefined;
  const binding = env[RATE_LIMIT_BINDING];
  if (isRateLimitBinding(binding)) return bindingRateLimiter(binding);
  // No in-memory fallback: an isolate's memory is not a rate limit. Refuse to serve until it is bound.
  return new ProxyConfigError([
    {
      variable: RATE_LIMIT_BINDING,
      message: 'is required (a [[ratelimits]] binding in wrangler.toml), or set PROXY_RATE_LIMIT_PER_MINUTE=0',
    },
  ]);
}

/**
 * On Workers the client IP is `CF-Connecting-IP`, which Cloudflare sets and a client cannot. A header named in
 * PROXY_CLIENT_IP_HEADER (a Node setting copied over) would be read first, and any other header is the
 * client's to choose: refused, so that the rate limit cannot be dodged.
 */
function clientIpHeaderProblem(header: string | undefined): ProxyConfigError | undefined {
  if (header === undefined || header === '' || header.toLowerCase() === 'cf-connecting-ip') return undefined;
  return new ProxyConfigError([
    {
      variable: 'PROXY_CLIENT_IP_HEADER',
      message: 'is not used on Workers, where the client IP is CF-Connecting-IP: remove it (or set CF-Connecting-IP)',
    },
  ]);
}

/** PROXY_RATE_LIMIT_PER_MINUTE as the configuration reads it: unset, off (`0`, `00`), or another value. */
function rateLimitVariable(value: string | undefined): 'unset' | 'off' | 'other' {
  const trimmed = value?.trim();
  if (trimmed === undefined || trimmed === '') return 'unset';
  return Number(trimmed) === 0 ? 'off' : 'other';
}

/**
 * On Workers the limit is the rate-limiting binding's (`simple.limit` in wrangler.toml); PROXY_RATE_LIMIT_PER_MINUTE
 * only turns it off with 0. Any other value would be silently ignored (a publisher setting 100 would get the
 * binding's 30): refused, naming where the limit is set.
 */
const RATE_LIMIT_VARIABLE_PROBLEM = new ProxyConfigError([
  {
    variable: 'PROXY_RATE_LIMIT_PER_MINUTE',
    message:
      'only turns rate limiting off on Workers ("0"): set the limit as the [[ratelimits]] binding\'s simple.limit in wrangler.toml',
  },
]);

function buildApp(env: WorkerEnv): ProxyApp {
  const options: ProxyAppOptions = {
    // Cloudflare sets CF-Connecting-IP on every request it forwards; clients cannot choose it.
    clientIp: (c) => c.req.header('CF-Connecting-IP'),
    // Workers Logs parses a JSON line into fields.
    log: (entry) => console.log(JSON.stringify(entry)),
  };
  const strings = stringBindings(env);
  const config = readProxyConfig(strings);
  // Every check runs, so that /readyz names everything to set at once, not one thing per deploy. With the
  // configuration refused, the two Workers checks read their variables as given.
  const parsed = config instanceof ProxyConfigError ? undefined : config;
  const headerProblem = clientIpHeaderProblem(parsed ? parsed.clientIpHeader : strings.PROXY_CLIENT_IP_HEADER?.trim());
  const limitVariable = rateLimitVariable(strings.PROXY_RATE_LIMIT_PER_MINUTE);
  const rateLimiter = rateLimiterFor(env, limitVariable === 'off');
  const limitProblem = limitVariable === 'other' ? RATE_LIMIT_VARIABLE_PROBLEM : undefined;
  const problems = [config, headerProblem, limitProblem, rateLimiter].flatMap((found) =>
    found instanceof ProxyConfigError ? found.problems : [],
  );
  if (!parsed || problems.length > 0 || rateLimiter instanceof ProxyConfigError) {
    // What is wrong with each variable, for the publisher (Workers Logs, `wrangler tail`); /readyz, which anyone can
    // ask, names the variables only. The messages are the schema's own words, never a value.
    console.error(JSON.stringify({ time: new Date().toISOString(), event: 'not_configured', problems }));
    return createProxyApp(new ProxyConfigError(problems), options);
  }
  return createProxyApp(parsed, rateLimiter ? { ...options, rateLimiter } : options);
}

/** One app per `env` object: the bindings do not change during an isolate's life. */
const apps = new WeakMap<WorkerEnv, ProxyApp>();

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Response | Promise<Response> {
    let app = apps.get(env);
    if (!app) {
      app = buildApp(env);
      apps.set(env, app);
    }
    return app.fetch(request, env, ctx);
  },
};

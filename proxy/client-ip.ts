/**
 * Who is calling: the client IP used as the rate-limit key, and its salted hash for the log.
 * Runtime-agnostic: the runtime passes in how to read the socket's address (Node: `getConnInfo`).
 */
import type { Context } from 'hono';
// ipaddr.js (the parser Express's proxy-addr uses): every spelling of an address, IPv4-mapped IPv6 included,
// comes out as one, without a hand-written IPv6 parser.
import ipaddr from 'ipaddr.js';

/** Reads the address of the peer that opened the connection, if the runtime knows it. */
export type ClientIpReader = (c: Context) => string | undefined;

/**
 * The client IP for this request.
 *
 * With `header` set (the proxy runs behind a reverse proxy that sets it), its **last** comma-separated
 * entry is used: that is the one the trusted proxy appended (nginx's `$proxy_add_x_forwarded_for`,
 * Caddy's `X-Forwarded-For`), while every entry left of it came from the client and can be forged.
 * With exactly one trusted hop in front of the proxy this is the real client; with more hops (a CDN in
 * front of nginx), configure the outermost one to send a single-value header instead. A single-valued
 * header such as `CF-Connecting-IP` is read the same way.
 *
 * Without the header (not configured, or a request that reached us without passing the reverse proxy), or with one
 * whose entry is no IP address (a reverse proxy writes an address; anything else a client wrote, and each string of
 * its choosing would be a rate limit of its own), the socket's remote address is used.
 */
export function resolveClientIp(c: Context, header: string | undefined, socketIp: ClientIpReader | undefined) {
  if (header) {
    const last = c.req.header(header)?.split(',').at(-1)?.trim();
    if (last && ipaddr.isValid(withoutPort(last))) return last;
  }
  try {
    return socketIp?.(c) || undefined;
  } catch {
    // A runtime without socket information (e.g. `app.request()` in tests): unknown, not a failure.
    return undefined;
  }
}

/** Where only this machine or its private network can connect: a reverse proxy in front is then the only way in. */
const UNREACHABLE_FROM_OUTSIDE = new Set(['loopback', 'private', 'uniqueLocal', 'linkLocal']);

/**
 * A warning for Node's start-up when the client-IP header is trusted while the proxy listens where clients may
 * reach it without passing the reverse proxy (`0.0.0.0`, a public address, a host name): such a client writes the
 * header itself, and a made-up address in it is a rate limit of its own. Undefined when there is nothing to say.
 */
export function clientIpHeaderWarning(header: string | undefined, host: string): string | undefined {
  if (!header) return undefined;
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost') return undefined;
  if (ipaddr.isValid(bare) && UNREACHABLE_FROM_OUTSIDE.has(ipaddr.process(bare).range())) return undefined;
  return (
    `PROXY_CLIENT_IP_HEADER=${header} is trusted as each client's address, but HOST=${host} may let clients ` +
    'reach the proxy without passing your reverse proxy and write that header themselves to dodge the rate limit: ' +
    'listen on 127.0.0.1 (or a private address) behind it, or let only the reverse proxy reach this port'
  );
}

/** Leading bits of an IPv6 address that name one client: a customer or household commonly gets a /56. */
export const IPV6_CLIENT_PREFIX_BITS = 56;

/**
 * One spelling per address, as the log hashes it: the port or brackets dropped, an IPv4-mapped IPv6 address as IPv4,
 * IPv6 in its short form; anything else lower-cased. So one client keeps one `clientIpHash`, as it keeps one rate
 * limit, whichever way a reverse proxy wrote its address.
 */
export function canonicalClientIp(given: string): string {
  const ip = withoutPort(given);
  return ipaddr.isValid(ip) ? ipaddr.process(ip).toString() : ip.toLowerCase();
}

/**
 * The rate limit's key for a client IP: an IPv4 address in its dotted form (also when it came IPv4-mapped,
 * `::ffff:192.0.2.7`, or in another spelling), an IPv6 address by its /56 (`2001:db8:1:200::/56`): one client
 * holds at least a /64, so keyed per address it could make 2^64 keys and never be limited. Anything else (a runtime's
 * socket address in another form; `resolveClientIp` takes no such header value) is its own key, lower-cased. A port
 * or brackets are dropped first.
 */
export function rateLimitKey(given: string): string {
  const ip = withoutPort(given);
  if (!ipaddr.isValid(ip)) return ip.toLowerCase();
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  const bytes = address.toByteArray();
  bytes.fill(0, IPV6_CLIENT_PREFIX_BITS / 8);
  return `${ipaddr.fromByteArray(bytes).toString()}/${IPV6_CLIENT_PREFIX_BITS}`;
}

/**
 * The address alone, when a reverse proxy wrote it with a port (`192.0.2.7:51234`, as Azure's front ends do) or in
 * brackets (`[2001:db8::1]`, `[2001:db8::1]:443`): otherwise every source port would be a client of its own.
 */
function withoutPort(ip: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(ip);
  if (bracketed?.[1]) return bracketed[1];
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(ip);
  return v4WithPort?.[1] ?? ip;
}

const HASH_HEX_CHARS = 16;
let salt: Uint8Array | undefined;

/**
 * First 16 hex characters of SHA-256(salt ‖ ip), the address in its one spelling (`canonicalClientIp`), with a random salt made once per process (per isolate
 * on Workers) on first use: the same client gets the same hash for the life of the process, so one
 * client's requests can be followed in the log, but the hash cannot be reversed by trying all IPv4
 * addresses, and it changes on restart.
 */
export function hashClientIp(ip: string): Promise<string> {
  // The same clients come back: a small memo spares a WebCrypto digest per request (the benchmark
  // measured hashing at over a tenth of the proxy's CPU). Bounded, oldest entry out first.
  let hash = recentHashes.get(ip);
  if (hash === undefined) {
    hash = digestClientIp(canonicalClientIp(ip));
    if (recentHashes.size >= RECENT_HASHES_MAX) recentHashes.delete(recentHashes.keys().next().value as string);
    recentHashes.set(ip, hash);
  }
  return hash;
}

const RECENT_HASHES_MAX = 1024;
const recentHashes = new Map<string, Promise<string>>();

async function digestClientIp(ip: string): Promise<string> {
  // Made lazily: Workers forbid random values in global scope.
  salt ??= crypto.getRandomValues(new Uint8Array(16));
  const ipBytes = new TextEncoder().encode(ip);
  const input = new Uint8Array(salt.length + ipBytes.length);
  input.set(salt);
  input.set(ipBytes, salt.length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
  return Array.from(digest.subarray(0, HASH_HEX_CHARS / 2), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

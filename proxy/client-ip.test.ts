import { describe, expect, it, vi } from 'vitest';
import { canonicalClientIp, clientIpHeaderWarning, hashClientIp, rateLimitKey } from './client-ip';

describe('rateLimitKey', () => {
  it('is one key for every spelling of an IPv4 address: mapped, hex, with a port, in brackets', () => {
    for (const ip of ['192.0.2.7', '::ffff:192.0.2.7', '::ffff:c000:207', '192.0.2.7:51234', '[::ffff:192.0.2.7]:80']) {
      expect(rateLimitKey(ip), ip).toBe('192.0.2.7');
    }
  });

  it('is one key for an IPv6 /56, however written, and another for the next /56', () => {
    for (const ip of ['2001:db8:1:2::1', '2001:DB8:1:2:0:0:0:2', '[2001:db8:1:ff::3]', '[2001:db8:1:2::4]:443']) {
      expect(rateLimitKey(ip), ip).toBe('2001:db8:1::/56');
    }
    expect(rateLimitKey('2001:db8:1:100::1')).toBe('2001:db8:1:100::/56');
  });

  it('keeps what is not an address as its own key, lower-cased', () => {
    expect(rateLimitKey('unknown')).toBe('unknown');
    expect(rateLimitKey('Not-An-IP')).toBe('not-an-ip');
  });
});

describe('the log’s client IP hash', () => {
  it('is one hash for every spelling of an address, and another for another address', async () => {
    const v4 = ['192.0.2.7', '::ffff:192.0.2.7', '192.0.2.7:51234', '[::ffff:192.0.2.7]:80'];
    expect(new Set(v4.map(canonicalClientIp))).toEqual(new Set(['192.0.2.7']));
    const v4Hashes = new Set(await Promise.all(v4.map(hashClientIp)));
    expect(v4Hashes.size).toBe(1);
    const v6 = ['2001:db8::1', '2001:DB8:0:0::1', '[2001:db8::1]:443'];
    expect(new Set(v6.map(canonicalClientIp))).toEqual(new Set(['2001:db8::1']));
    const v6Hashes = new Set(await Promise.all(v6.map(hashClientIp)));
    expect(v6Hashes.size).toBe(1);
    // Unlike the rate limit's key, one address each: the log can tell two clients of one /56 apart.
    const others = await Promise.all(['192.0.2.8', '2001:db8::2', 'Unknown'].map(hashClientIp));
    expect(new Set([...v4Hashes, ...v6Hashes, ...others]).size).toBe(5);
    expect(await hashClientIp('unknown')).toBe(others[2]);
  });
});

describe('the log’s salt', () => {
  it('is made per process: a fresh module hashes the same address differently', async () => {
    const first = await hashClientIp('192.0.2.7');
    vi.resetModules();
    const fresh = await import('./client-ip');
    const again = await fresh.hashClientIp('192.0.2.7');
    expect(again).toMatch(/^[0-9a-f]{16}$/);
    expect(again).not.toBe(first);
  });
});

describe('the start-up warning about a trusted client-IP header', () => {
  it('is given when the proxy listens where clients may reach it directly', () => {
    for (const host of ['0.0.0.0', '::', '[::]', '203.0.113.7', '2001:db8::1', 'proxy.example.com']) {
      expect(clientIpHeaderWarning('X-Forwarded-For', host), host).toMatch(
        new RegExp(
          `^PROXY_CLIENT_IP_HEADER=X-Forwarded-For is trusted .* HOST=${host.replace(/[[\]]/g, '\\$&')} may let`,
        ),
      );
    }
  });

  it('is not given behind a reverse proxy on this machine or its private network, or without the header', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]', '10.0.0.5', '192.168.1.2', 'fd00::5']) {
      expect(clientIpHeaderWarning('X-Forwarded-For', host), host).toBeUndefined();
    }
    expect(clientIpHeaderWarning(undefined, '0.0.0.0')).toBeUndefined();
  });
});

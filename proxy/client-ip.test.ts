import { describe, expect, it } from 'vitest';
import { rateLimitKey } from './client-ip';

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

// Resolving a request's client address from its connection and, behind trusted proxies only, X-Forwarded-For
// the sign-in throttle and the audit log must not believe an address the client wrote).
import { describe, expect, it } from 'vitest';
import {
  normaliseAddress,
  proxyEntryProblem,
  resolveClientAddress,
  trustedProxies,
} from '../../lib/http/client-address';

const none = trustedProxies([]);
const proxies = trustedProxies(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);

describe('client address', () => {
  it('R-8.2 takes the connection when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress('::ffff:192.0.2.7', '203.0.113.1', none)).toBe('192.0.2.7');
    expect(resolveClientAddress('127.0.0.1', '203.0.113.1', none)).toBe('127.0.0.1');
    expect(resolveClientAddress('2001:db8::7', undefined, none)).toBe('2001:db8::7');
  });

  it('R-8.2 takes the connection when the peer is not one of the trusted proxies', () => {
    expect(resolveClientAddress('192.0.2.7', '203.0.113.1', proxies)).toBe('192.0.2.7');
  });

  it('R-8.2 behind trusted proxies takes the right-most hop that is not a trusted proxy', () => {
    expect(resolveClientAddress('::ffff:127.0.0.1', '203.0.113.1', proxies)).toBe('203.0.113.1');
    // The client forged the left entries; two proxies appended what they saw.
    expect(resolveClientAddress('127.0.0.1', '1.2.3.4, 10.9.9.9, 198.51.100.5, 10.1.1.1', proxies)).toBe(
      '198.51.100.5',
    );
    expect(resolveClientAddress('127.0.0.1', ['1.2.3.4', '198.51.100.5'], proxies)).toBe('198.51.100.5');
    expect(resolveClientAddress('fd00::1', '2001:DB8::5', proxies)).toBe('2001:db8::5');
  });

  it('R-8.2 behind trusted proxies stops at garbage and falls back to the last trusted hop', () => {
    expect(resolveClientAddress('127.0.0.1', 'not-an-ip', proxies)).toBe('127.0.0.1');
    expect(resolveClientAddress('127.0.0.1', 'evil, 10.2.2.2', proxies)).toBe('10.2.2.2');
    expect(resolveClientAddress('127.0.0.1', undefined, proxies)).toBe('127.0.0.1');
    expect(resolveClientAddress('127.0.0.1', '10.0.0.5, 10.0.0.6', proxies)).toBe('10.0.0.5');
  });

  it('accepts addresses and CIDR blocks in TRUSTED_PROXIES and names what it refuses', () => {
    for (const ok of ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', '0.0.0.0/0'])
      expect(proxyEntryProblem(ok)).toBeUndefined();
    for (const bad of ['localhost', '10.0.0.0/33', '10.0.0.0/x', '::1/129', '1.2.3.4/8/1', ''])
      expect(proxyEntryProblem(bad)).toBeDefined();
    expect(normaliseAddress('::FFFF:10.0.0.1')).toBe('10.0.0.1');
    expect(normaliseAddress('junk')).toBeNull();
  });
});

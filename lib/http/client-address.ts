// The client address of a request: what the sign-in throttle counts and every audit entry names.
// Next's App Router does not expose the TCP peer, and X-Forwarded-For is whatever the client wrote, so the
// server entry (server/main.ts) resolves the address from the connection once per request and passes it on in
// a private header it always overwrites. App code reads that header only, through clientAddressOf().
import { BlockList, isIP } from 'node:net';

/** Set by the server entry on every request; an incoming copy is always replaced. */
export const CLIENT_ADDRESS_HEADER = 'x-wuzhi-client-ip';

// The server entry and Next's server bundles are separate module instances in one process: they share globalThis.
const SERVER_MARK = Symbol.for('xinyong-wuzhi.client-address-header');

/** Called once by the server entry: from now on the private header is the server's, not the client's. */
export function markClientAddressServer(): void {
  (globalThis as Record<symbol, unknown>)[SERVER_MARK] = true;
}

let warned = false;

/**
 * The client address of the request these headers belong to, or null when the app was not started through the
 * server entry (`next start`, `next dev`): then the header may be the client's own and is never believed.
 */
export function clientAddressOf(headers: Pick<Headers, 'get'>): string | null {
  if ((globalThis as Record<symbol, unknown>)[SERVER_MARK] !== true) {
    if (!warned) {
      warned = true;
      console.error('client addresses are unknown: start the app with `npm run serve` (server/main.ts)');
    }
    return null;
  }
  return headers.get(CLIENT_ADDRESS_HEADER) || null;
}

/** One TRUSTED_PROXIES entry: an IPv4 or IPv6 address, or a CIDR block. Returns a problem or undefined. */
export function proxyEntryProblem(entry: string): string | undefined {
  const [address = '', bits, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return `${entry} is not an address or CIDR block`;
  if (bits === undefined) return undefined;
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return `${entry} has a prefix length outside 0–${max}`;
  return undefined;
}

/** The list of TRUSTED_PROXIES as a matcher; entries must have passed proxyEntryProblem. */
export function trustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) → `127.0.0.1`; anything not an address → null. */
export function normaliseAddress(raw: string | undefined): string | null {
  const address = raw?.trim() ?? '';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  const plain = mapped ? mapped[1]! : address;
  return isIP(plain) ? plain.toLowerCase() : null;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  return trusted.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The client of a connection from `peer`: the peer itself, unless it is a trusted proxy; then X-Forwarded-For
 * is read from the right (each proxy appends the address it saw) and the first hop that is not a trusted proxy
 * is the client. Entries left of it were written by the client and are never believed. A hop that is not an
 * address ends the walk at the last trusted one.
 */
export function resolveClientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: BlockList,
): string | null {
  let client = normaliseAddress(peer);
  if (!client || !isTrusted(client, trusted)) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '')).split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!hops[i]!.trim()) continue;
    const hop = normaliseAddress(hops[i]);
    if (!hop) return client;
    client = hop;
    if (!isTrusted(hop, trusted)) return hop;
  }
  return client;
}

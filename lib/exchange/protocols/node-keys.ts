// Who may deliver to the platform: each exchange node has an API key (only its SHA-256 is kept)
// and one or more Ed25519 public keys it signs with. Keys rotate: a new key is registered with a validity window
// while the old one is still valid, then the old one expires or is revoked — the trusted-key list of a node is
// every key of it that is valid now and not revoked.
import { createHash, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { keyIdOf, publicKeyFromRaw } from '@/lib/crypto/signing';
import { db } from '@/lib/db';

export const registerKeySchema = z.object({
  nodeRef: z.string().min(1).max(100),
  deptCode: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  /** Raw 32-byte Ed25519 public key, base64. */
  publicKey: z.string().refine((v) => Buffer.from(v, 'base64').length === 32, '公钥应为 32 字节（Base64）'),
  keyId: z.string().min(1).max(64).optional(),
  validFrom: z.date().optional(),
  validTo: z.date().optional(),
});

/** Registers a signing key of a node and issues a new API key for it, returned once and never stored. */
export async function registerNodeKey(
  raw: z.input<typeof registerKeySchema>,
): Promise<{ keyId: string; apiKey: string }> {
  const input = registerKeySchema.parse(raw);
  const keyId = input.keyId ?? keyIdOf(publicKeyFromRaw(Buffer.from(input.publicKey, 'base64')));
  const apiKey = randomBytes(32).toString('base64url');
  await db.exchangeNodeKey.create({
    data: {
      nodeRef: input.nodeRef,
      deptCode: input.deptCode,
      keyId,
      publicKey: input.publicKey,
      apiKeyHash: hashApiKey(apiKey),
      validFrom: input.validFrom ?? new Date(),
      validTo: input.validTo ?? null,
    },
  });
  return { keyId, apiKey };
}

export async function revokeNodeKey(nodeRef: string, keyId: string): Promise<void> {
  await db.exchangeNodeKey.updateMany({ where: { nodeRef, keyId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** A random 256-bit key needs no slow hash: SHA-256 is enough and lets the check be constant-time. */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

export interface NodeTrust {
  nodeRef: string;
  deptCode: string;
  keys: Map<string, KeyObject>;
  apiKeyHashes: string[];
}

/** The node's keys valid at `now`; null when it has none (unknown, or every key expired or revoked). */
export async function nodeTrust(nodeRef: string, now = new Date()): Promise<NodeTrust | null> {
  const rows = await db.exchangeNodeKey.findMany({
    where: {
      nodeRef,
      revokedAt: null,
      validFrom: { lte: now },
      OR: [{ validTo: null }, { validTo: { gt: now } }],
    },
    orderBy: { validFrom: 'desc' },
  });
  if (rows.length === 0) return null;
  return {
    nodeRef,
    deptCode: rows[0]!.deptCode,
    keys: new Map(rows.map((r) => [r.keyId, publicKeyFromRaw(Buffer.from(r.publicKey, 'base64'))])),
    apiKeyHashes: rows.flatMap((r) => (r.apiKeyHash ? [r.apiKeyHash] : [])),
  };
}

export function apiKeyMatches(trust: NodeTrust, apiKey: string): boolean {
  const given = Buffer.from(hashApiKey(apiKey), 'hex');
  return trust.apiKeyHashes.some((h) => timingSafeEqual(Buffer.from(h, 'hex'), given));
}

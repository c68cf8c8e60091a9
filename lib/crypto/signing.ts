// Signatures on exported and exchanged files and payloads (R-8.1 non-repudiation, GB/T 39786 §8.4 h): the
// receiver proves who sent the data and that it is unchanged. Ed25519 from node:crypto, the key from
// configuration (SIGNING_KEY, a 32-byte seed). A detached signature is a small JSON document: algorithm, key
// id, signer, time and the SHA-256 of the content, all covered by the signature. `alg` leaves room for SM2
// (sm-crypto-v2 or a signing server) when the 密评 evaluation asks for national algorithms.
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { env } from '@/lib/env';
import { canonicalJson } from './canonical-json';

export interface DetachedSignature {
  v: 1;
  alg: 'Ed25519';
  keyId: string;
  signer: string;
  signedAt: string;
  sha256: string;
  sig: string;
}

export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export type VerifyResult =
  | { ok: true; keyId: string; signer: string; signedAt: string }
  | { ok: false; reason: 'malformed' | 'unknown key' | 'digest mismatch' | 'bad signature' };

// PKCS#8 / SPKI DER prefixes for a raw 32-byte Ed25519 seed or public key (RFC 8410).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function keyFromSeed(seed: Buffer, keyId?: string): SigningKey {
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyId ?? keyIdOf(publicKey), privateKey, publicKey };
}

export function publicKeyFromRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export function rawPublicKey(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
}

/** A key's id when none is configured: the first 16 hex digits of the SHA-256 of its raw public key. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(rawPublicKey(publicKey)).digest('hex').slice(0, 16);
}

/** The platform's own key, from configuration. */
function configuredKey(): SigningKey {
  const e = env();
  if (!e.SIGNING_KEY) throw new Error('SIGNING_KEY is not configured: signatures cannot be made');
  return keyFromSeed(Buffer.from(e.SIGNING_KEY, 'base64'), e.SIGNING_KEY_ID);
}

/** Keys a signature may be verified with: our own and the other parties' from SIGNING_TRUSTED_KEYS. */
function trustedKeys(): Map<string, KeyObject> {
  const e = env();
  const keys = new Map<string, KeyObject>();
  const others = JSON.parse(e.SIGNING_TRUSTED_KEYS) as Record<string, string>;
  for (const [id, raw] of Object.entries(others)) keys.set(id, publicKeyFromRaw(Buffer.from(raw, 'base64')));
  if (e.SIGNING_KEY) {
    const own = configuredKey();
    keys.set(own.keyId, own.publicKey);
  }
  return keys;
}

function message(s: Omit<DetachedSignature, 'sig'>): Buffer {
  return Buffer.from(`xinyong-signature-v${s.v}\n${s.alg}\n${s.keyId}\n${s.signer}\n${s.signedAt}\n${s.sha256}`);
}

export function signBytes(
  content: Buffer | string,
  opts: { key?: SigningKey; signer: string; now?: Date },
): DetachedSignature {
  const key = opts.key ?? configuredKey();
  const body = {
    v: 1 as const,
    alg: 'Ed25519' as const,
    keyId: key.keyId,
    signer: opts.signer,
    signedAt: (opts.now ?? new Date()).toISOString(),
    sha256: createHash('sha256').update(content).digest('hex'),
  };
  return { ...body, sig: sign(null, message(body), key.privateKey).toString('base64') };
}

export function verifyBytes(
  content: Buffer | string,
  signature: unknown,
  keys: Map<string, KeyObject> = trustedKeys(),
): VerifyResult {
  const s = signature as Partial<DetachedSignature> | null;
  if (
    !s ||
    s.v !== 1 ||
    s.alg !== 'Ed25519' ||
    typeof s.keyId !== 'string' ||
    typeof s.signer !== 'string' ||
    typeof s.signedAt !== 'string' ||
    typeof s.sha256 !== 'string' ||
    typeof s.sig !== 'string'
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const key = keys.get(s.keyId);
  if (!key) return { ok: false, reason: 'unknown key' };
  if (createHash('sha256').update(content).digest('hex') !== s.sha256) return { ok: false, reason: 'digest mismatch' };
  const good = verify(null, message(s as DetachedSignature), key, Buffer.from(s.sig, 'base64'));
  return good
    ? { ok: true, keyId: s.keyId, signer: s.signer, signedAt: s.signedAt }
    : { ok: false, reason: 'bad signature' };
}

/** A JSON payload is signed in its canonical form, so re-serialising it on the way does not break it. */
export function signJson(payload: unknown, opts: { key?: SigningKey; signer: string; now?: Date }): DetachedSignature {
  return signBytes(canonicalJson(payload), opts);
}

export function verifyJson(payload: unknown, signature: unknown, keys?: Map<string, KeyObject>): VerifyResult {
  return verifyBytes(canonicalJson(payload), signature, keys);
}

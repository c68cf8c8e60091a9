// Encryption of transported payloads (R-4.3 "encrypted transfer", R-8.1 confidentiality): each transfer has a fresh
// X25519 key pair on the sender's side; the shared secret with the receiver's static X25519 key, through HKDF salted
// with the transfer id, gives the AES-256-GCM key of its chunks. Each chunk has a random 12-byte IV and the
// transfer id and chunk index as additional data, so a chunk cannot be moved to another place or transfer. The
// sender's ephemeral public key travels in the manifest, which the node signs with its Ed25519 key: only that node
// could have made the key, so a chunk that decrypts came from it, unchanged.
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { env } from '@/lib/env';

const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');

export function x25519FromSeed(seed: Buffer): { privateKey: KeyObject; publicKey: KeyObject } {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_X25519, seed]), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

export function rawX25519(publicKey: KeyObject): Buffer {
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_X25519.length);
}

export function x25519FromRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_X25519, raw]), format: 'der', type: 'spki' });
}

/**
 * The platform's transport key, derived from its configured signing seed (HKDF, its own label) so that no second
 * secret must be configured; the two keys cannot be computed from each other's public halves.
 */
export function platformTransportKey(): { privateKey: KeyObject; publicKey: KeyObject } {
  const seed = env().SIGNING_KEY;
  if (!seed) throw new Error('SIGNING_KEY is not configured: the transport key cannot be derived');
  const derived = Buffer.from(
    hkdfSync('sha256', Buffer.from(seed, 'base64'), Buffer.alloc(0), 'xinyong-transport-x25519-v1', 32),
  );
  return x25519FromSeed(derived);
}

export function newEphemeral() {
  return generateKeyPairSync('x25519');
}

export function transferKey(ownPrivate: KeyObject, otherPublic: KeyObject, transferId: string): Buffer {
  const shared = diffieHellman({ privateKey: ownPrivate, publicKey: otherPublic });
  return Buffer.from(hkdfSync('sha256', shared, Buffer.from(transferId, 'utf8'), 'xinyong-transport-aes256gcm-v1', 32));
}

const aad = (transferId: string, index: number) => Buffer.from(`${transferId}\n${index}`, 'utf8');

/** iv (12) ‖ ciphertext ‖ tag (16). */
export function sealChunk(key: Buffer, transferId: string, index: number, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(transferId, index));
  return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

/** The plain chunk, or null when it was changed, truncated, or sealed for another place or key. */
export function openChunk(key: Buffer, transferId: string, index: number, sealed: Buffer): Buffer | null {
  if (sealed.length < 28) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
    decipher.setAAD(aad(transferId, index));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
  } catch {
    return null;
  }
}

// The manifest of a transfer: what the sender announces before the chunks, signed with its node's Ed25519
// key — the whole file's SHA-256 and size, each chunk's SHA-256, the chunk size, and its ephemeral X25519 key.
import { z } from 'zod';

export const DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;
export const MAX_CHUNK_SIZE = 16 * 1024 * 1024;

const sha = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestSchema = z
  .object({
    v: z.literal(1),
    /** Chosen by the sender, the idempotency key: the same transfer id is the same transfer. */
    transferId: z.string().regex(/^[A-Za-z0-9_-]{8,80}$/),
    nodeId: z.string().min(1).max(100),
    catalogCode: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
    fileName: z.string().min(1).max(255),
    size: z.number().int().min(1),
    sha256: sha,
    chunkSize: z.number().int().min(1024).max(MAX_CHUNK_SIZE),
    chunkSha256: z.array(sha).min(1).max(100_000),
    /** The sender's ephemeral X25519 public key, raw, base64. */
    ephemeralKey: z.string().refine((v) => Buffer.from(v, 'base64').length === 32),
    timestamp: z.string().datetime(),
    nonce: z.string().min(16).max(100),
  })
  .refine((m) => m.chunkSha256.length === Math.ceil(m.size / m.chunkSize), { message: '分块数量与文件大小不符' });
export type Manifest = z.infer<typeof manifestSchema>;

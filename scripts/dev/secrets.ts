// The keys a local run needs, made once and kept in <dataDir>/secrets.json: personal identifiers are encrypted
// with PII_ENC_KEY, so a second `npm start` must reuse the same keys or the data it stored becomes unreadable.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DevSecrets {
  AUTH_SECRET: string;
  PII_ENC_KEY: string;
  PII_HMAC_KEY: string;
  /** Ed25519 seed signing exported and exchanged files (lib/crypto/signing.ts). */
  SIGNING_KEY: string;
}

const KEYS = ['AUTH_SECRET', 'PII_ENC_KEY', 'PII_HMAC_KEY', 'SIGNING_KEY'] as const;

export function loadOrCreateDevSecrets(dataDir: string): DevSecrets {
  const file = join(dataDir, 'secrets.json');
  const stored = existsSync(file) ? parse(file) : {};
  const secrets = {} as DevSecrets;
  let changed = false;
  for (const key of KEYS) {
    const value = stored[key];
    if (typeof value === 'string' && Buffer.from(value, 'base64').length === 32) {
      secrets[key] = value;
    } else if (value !== undefined && key !== 'AUTH_SECRET') {
      // Replacing an existing encryption key would silently make stored data unreadable: stop instead.
      throw new Error(`${file}: ${key} is not 32 base64-encoded bytes; fix or remove the file (and the data with it)`);
    } else {
      secrets[key] = randomBytes(32).toString('base64');
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(dataDir, { recursive: true });
    // Write then rename, so an interrupted write never leaves a half file to be "repaired" with new keys.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
    renameSync(tmp, file);
  }
  chmodSync(file, 0o600);
  return secrets;
}

function parse(file: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (value && typeof value === 'object') return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new Error(`${file} is not a JSON object; fix or remove it (removing it makes encrypted data unreadable)`);
}

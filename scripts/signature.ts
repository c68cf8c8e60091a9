// `npm run signature -- <command>`: signatures on exchanged files.
//   keygen                    a new SIGNING_KEY (seed), its key id and public key
//   pubkey                    this installation's key id and public key, for the receivers' SIGNING_TRUSTED_KEYS
//   sign <file> [signer]      writes <file>.sig.json (detached) with SIGNING_KEY
//   verify <file> [sig.json]  checks it against our key and SIGNING_TRUSTED_KEYS; exit 1 when it does not hold
// Reads only the SIGNING_* variables, so a receiver needs no database to verify.
import './dev/use-local-platform'; // first: with nothing configured, the running `npm start`
import { randomBytes, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { keyFromSeed, publicKeyFromRaw, rawPublicKey, signBytes, verifyBytes } from '../lib/crypto/signing';

const [command, file, extra] = process.argv.slice(2).filter((a) => a !== '--');

function ownKey() {
  const seed = process.env.SIGNING_KEY;
  if (!seed) throw new Error('SIGNING_KEY is not set');
  return keyFromSeed(Buffer.from(seed, 'base64'), process.env.SIGNING_KEY_ID || undefined);
}

switch (command) {
  case 'keygen': {
    const seed = randomBytes(32);
    const key = keyFromSeed(seed);
    console.log(`SIGNING_KEY=${seed.toString('base64')}`);
    console.log(`SIGNING_KEY_ID=${key.keyId}`);
    console.log(`public key (give to receivers): ${rawPublicKey(key.publicKey).toString('base64')}`);
    break;
  }
  case 'pubkey': {
    const key = ownKey();
    console.log(JSON.stringify({ [key.keyId]: rawPublicKey(key.publicKey).toString('base64') }));
    break;
  }
  case 'sign': {
    if (!file) throw new Error('usage: sign <file> [signer]');
    const signature = signBytes(readFileSync(file), { key: ownKey(), signer: extra ?? 'xinyong-wuzhi' });
    writeFileSync(`${file}.sig.json`, JSON.stringify(signature, null, 2) + '\n');
    console.log(`signed ${file} → ${file}.sig.json (key ${signature.keyId})`);
    break;
  }
  case 'verify': {
    if (!file) throw new Error('usage: verify <file> [signature.json]');
    const keys = new Map<string, KeyObject>();
    const others = JSON.parse(process.env.SIGNING_TRUSTED_KEYS ?? '{}') as Record<string, string>;
    for (const [id, raw] of Object.entries(others)) keys.set(id, publicKeyFromRaw(Buffer.from(raw, 'base64')));
    if (process.env.SIGNING_KEY) keys.set(ownKey().keyId, ownKey().publicKey);
    const signature: unknown = JSON.parse(readFileSync(extra ?? `${file}.sig.json`, 'utf8'));
    const result = verifyBytes(readFileSync(file), signature, keys);
    if (result.ok) console.log(`valid: signed by ${result.signer} (key ${result.keyId}) at ${result.signedAt}`);
    else {
      console.error(`INVALID: ${result.reason}`);
      process.exitCode = 1;
    }
    break;
  }
  default:
    console.error('usage: npm run signature -- keygen | pubkey | sign <file> [signer] | verify <file> [sig.json]');
    process.exitCode = 2;
}

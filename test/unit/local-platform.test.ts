// Operator commands in a second terminal find the platform a local `npm start` runs (scripts/dev/local-platform.ts):
// its settings fill what the command lacks, never what it was given, and only while that `npm start` runs.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useLocalPlatform, writeLocalPlatform } from '../../scripts/dev/local-platform';

const platform = {
  DATABASE_URL: 'postgresql://postgres:postgres@127.0.0.1:5432/xinyong',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  PII_ENC_KEY: 'ZW5j',
  PII_HMAC_KEY: 'bWFj',
  NODE_OPTIONS: '--inspect', // not a platform setting: not passed on
};

describe('the running platform for operator commands', () => {
  it('gives a command with no configuration the running platform’s settings, keeping what it was given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'platform-'));
    const forget = writeLocalPlatform(dir, platform);
    // It holds the keys the data is sealed with: its owner's to read only.
    expect(statSync(join(dir, 'platform.json')).mode & 0o777).toBe(0o600);

    const target: Record<string, string | undefined> = { TEMPORAL_ADDRESS: 'temporal.example:7233' };
    expect(useLocalPlatform(dir, target)).toBe(true);
    expect(target).toEqual({
      DATABASE_URL: platform.DATABASE_URL,
      TEMPORAL_ADDRESS: 'temporal.example:7233',
      PII_ENC_KEY: 'ZW5j',
      PII_HMAC_KEY: 'bWFj',
    });

    // A command pointed at a database of its own reads nothing.
    const configured: Record<string, string | undefined> = { DATABASE_URL: 'postgresql://db.example/xinyong' };
    expect(useLocalPlatform(dir, configured)).toBe(false);
    expect(configured).toEqual({ DATABASE_URL: 'postgresql://db.example/xinyong' });

    // Once `npm start` stops, the file is gone and nothing is read.
    forget();
    const after: Record<string, string | undefined> = {};
    expect(useLocalPlatform(dir, after)).toBe(false);
    expect(after).toEqual({});
  });

  it('ignores the settings of an `npm start` that no longer runs (killed, its pid since reused)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'platform-'));
    writeLocalPlatform(dir, platform);
    const path = join(dir, 'platform.json');
    const recorded = JSON.parse(readFileSync(path, 'utf8')) as { startTime: number };
    // The same pid, started at another time: another process.
    writeFileSync(path, JSON.stringify({ ...recorded, startTime: recorded.startTime + 1 }));
    const target: Record<string, string | undefined> = {};
    expect(useLocalPlatform(dir, target)).toBe(false);
    expect(target).toEqual({});
    // A damaged file is no platform either.
    writeFileSync(path, '{"pid":');
    expect(useLocalPlatform(dir, target)).toBe(false);
  });
});

// The repository explains itself: every file or folder of the repository that docs/ and the README name exists,
// so a move or a rename that forgets the docs fails here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOP = ['app', 'workflows', 'activities', 'worker', 'lib', 'prisma', 'scripts', 'test', 'docs', 'server'];
const DOCS = ['docs/architecture.md', 'docs/operations.md', 'docs/rules.md', 'README.md'];

/** Paths in backticks that start with a top-level folder of the repository (not URLs, not runtime paths). */
function repositoryPaths(text: string): string[] {
  const found = [...text.matchAll(/`([A-Za-z0-9_.[\]()/-]+)`/g)].map((m) => m[1]!);
  return [...new Set(found.filter((p) => TOP.includes(p.split('/')[0]!) && p.includes('/')))];
}

describe('docs name only what exists', () => {
  it.each(DOCS)('%s', (doc) => {
    const paths = repositoryPaths(readFileSync(join(ROOT, doc), 'utf8'));
    // The reading itself: a doc of this repository always names some of its files.
    expect(paths.length).toBeGreaterThan(3);
    expect(paths.filter((p) => !existsSync(join(ROOT, p.replace(/\/$/, ''))))).toEqual([]);
  });

  it('links the architecture from the README', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('docs/architecture.md');
  });
});

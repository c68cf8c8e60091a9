// The file store in a backup: a gzipped tar of every stored upload, written after the database
// snapshot. Uploads are immutable and written before their StoredFile row commits, so every file the
// snapshot refers to is already on disk when the archive is made. The upload scratch area (tmp/) is left out.
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { create as tarCreate, Parser as TarParser, type ReadEntry } from 'tar';
import type { Progress } from './dump';
import type { FilesManifest } from './manifest';

async function listFiles(root: string): Promise<{ rel: string; size: number }[]> {
  const out: { rel: string; size: number }[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [];
      throw err;
    });
    for (const e of entries) {
      const full = join(dir, e.name);
      const rel = relative(root, full);
      if (rel === 'tmp') continue;
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) out.push({ rel, size: (await stat(full)).size });
    }
  };
  await walk(root);
  return out.sort((a, b) => a.rel.localeCompare(b.rel));
}

export async function archiveFileStore(
  root: string,
  outFile: string,
  name: string,
  progress: Progress,
): Promise<FilesManifest> {
  const files = await listFiles(root);
  progress({ step: 'files', count: files.length });
  if (files.length === 0) {
    // tar refuses an empty file list; an empty archive is still a valid (empty) tar.
    await pipeline(Readable.from([Buffer.alloc(1024)]), createGzip(), createWriteStream(outFile, { mode: 0o600 }));
  } else {
    const pack = tarCreate(
      { cwd: root, portable: true, noDirRecurse: true },
      files.map((f) => f.rel),
    );
    await pipeline(
      Readable.from(pack as AsyncIterable<Buffer>, { objectMode: false }),
      createGzip(),
      createWriteStream(outFile, { mode: 0o600 }),
    );
  }
  return { file: name, count: files.length, bytes: files.reduce((n, f) => n + f.size, 0) };
}

/** Path → SHA-256 of every file in an archive, read as a stream (nothing is extracted). */
export async function hashArchive(file: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  const parser = new TarParser({
    onReadEntry(entry: ReadEntry) {
      if (entry.type !== 'File') return entry.resume();
      const hash = createHash('sha256');
      entry.on('data', (chunk: Buffer) => hash.update(chunk));
      entry.on('end', () => hashes.set(entry.path.replace(/^\.\//, ''), hash.digest('hex')));
    },
  });
  // tar's parser is a minipass stream, not a Node one: piped by hand rather than through pipeline().
  await new Promise<void>((resolve, reject) => {
    const source = createReadStream(file);
    source.on('error', reject);
    parser.on('error', reject);
    parser.on('end', () => resolve());
    source.pipe(parser as unknown as NodeJS.WritableStream);
  });
  return hashes;
}

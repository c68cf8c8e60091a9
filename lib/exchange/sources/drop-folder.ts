// The DROP_FOLDER kind as a FILE source. The drop folders keep their own reading, the
// `dropFolderScan` workflow (lib/exchange/drop-folder.ts), which creates batches and archives files itself;
// this adapter lets the management page test and list them like any other source.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { resolveStoredPath } from '@/lib/files/store';
import { exchangeRoot, listDropFiles } from '../drop-folder';
import type { FileSourceAdapter } from './types';

const configSchema = z.object({ settleSeconds: z.number().int().min(0).max(3600).default(60) });

export const dropFolderSource: FileSourceAdapter<z.infer<typeof configSchema>> = {
  shape: 'FILE',
  parseConfig: (raw) => configSchema.parse(raw ?? {}),
  async testConnection() {
    const info = await stat(exchangeRoot()).catch(() => null);
    return info?.isDirectory()
      ? { ok: true, message: `交换目录可读：${join('exchange')}` }
      : { ok: false, message: '交换目录尚不存在（第一个部门放入文件时创建）' };
  },
  async pull(ctx, { limit }) {
    const files = await listDropFiles(ctx.config.settleSeconds, limit);
    return Promise.all(
      files.map(async (f) => {
        const localPath = resolveStoredPath(f.path);
        const content = await readFile(localPath);
        const sha256 = createHash('sha256').update(content).digest('hex');
        return { remoteId: f.path, name: f.name, size: content.length, sha256, localPath };
      }),
    );
  },
  // The scan workflow moves each file out of the inbox as it reads it: nothing left to acknowledge.
  async acknowledge() {},
};

// The DATABASE source: a department's front-end exchange database (PostgreSQL), read by a
// configured query with a watermark column for incremental sync. The platform only reads from the front-end
// store (and, for two-way flows, writes its results into one configured table there); the department's
// business systems stay behind it.
//
// Safety of the configured query: it must be ONE SELECT (or WITH … SELECT) with no statement separator and no
// data-changing or locking keyword, and it always runs inside a READ ONLY transaction with a statement timeout,
// so even a query that slipped past the check cannot change the store or run forever.
//
// Reading after a cursor in chunks: `SELECT … FROM (<query>) q WHERE q.wm > $cursor ORDER BY q.wm`. A chunk
// ends at a watermark VALUE, never inside a group of rows sharing one (else `> cursor` would skip the rest of
// the group: a gap): the boundary is the chunk-th row's watermark, and every row up to and including it is read.
import pg from 'pg';
import { z } from 'zod';
import { SourceStop, SourceUnavailable, type RowChunk, type RowSourceAdapter, type SourceContext } from './types';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export const databaseConfigSchema = z.object({
  query: z.string().trim().min(1).max(10_000),
  watermarkColumn: z.string().regex(IDENT, '水位列名只能包含字母、数字和下划线'),
  statementTimeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
});
export type DatabaseConfig = z.infer<typeof databaseConfigSchema>;

const FORBIDDEN =
  /\b(insert|update|delete|merge|truncate|drop|alter|create|grant|revoke|copy|call|do|lock|vacuum|analyze|refresh|listen|notify|set|reset|execute|prepare|into|pg_sleep|dblink|lo_import|lo_export|pg_read_file|pg_write_file)\b|\bfor\s+(update|share|no\s+key|key)\b/i;

/** Refuses anything but a single read-only SELECT; the READ ONLY transaction is the second line. */
export function validateQuery(query: string): string {
  // Comments could hide a second statement or a keyword from the check: not allowed at all.
  if (/--|\/\*/.test(query)) throw new SourceStop('BAD_QUERY', '查询语句中不能包含注释');
  const q = query.trim().replace(/;\s*$/, '');
  if (q.includes(';')) throw new SourceStop('BAD_QUERY', '只能配置一条查询语句');
  if (!/^(select|with)\b/i.test(q)) throw new SourceStop('BAD_QUERY', '查询语句必须以 SELECT 开头');
  const bad = FORBIDDEN.exec(q.replace(/'(?:[^']|'')*'/g, "''"));
  if (bad) throw new SourceStop('BAD_QUERY', `查询语句中不能使用“${bad[0]}”：前置库只读`);
  return q;
}

export const credentialsSchema = z.object({ username: z.string().min(1), password: z.string().default('') });

/** Connection settings from the node's endpoint (postgresql://host:port/database) and its credentials. */
export function connectionOf(ctx: SourceContext): pg.ClientConfig {
  let url: URL;
  try {
    url = new URL(ctx.endpoint);
  } catch {
    throw new SourceStop('BAD_CONFIG', `节点地址“${ctx.endpoint}”不是有效的数据库地址`);
  }
  if (!/^postgres(ql)?:$/.test(url.protocol))
    throw new SourceStop('BAD_CONFIG', '数据库节点地址应以 postgresql:// 开头');
  const creds = credentialsSchema.safeParse(ctx.credentials);
  if (!creds.success) throw new SourceStop('BAD_CONFIG', '数据库节点未设置用户名和密码');
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    database: decodeURIComponent(url.pathname.slice(1)),
    user: creds.data.username,
    password: creds.data.password,
    connectionTimeoutMillis: 10_000,
    application_name: 'xinyong-exchange',
  };
}

/** Opens a connection, or says in plain words why it could not (unreachable host, wrong credentials …). */
export async function connect(ctx: SourceContext): Promise<pg.Client> {
  const client = new pg.Client(connectionOf(ctx));
  client.on('error', () => {}); // a dropped connection surfaces on the next query
  try {
    await client.connect();
    return client;
  } catch (err) {
    await client.end().catch(() => {});
    throw new SourceUnavailable(describeConnectError(err));
  }
}

export function describeConnectError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (e.code === '28P01' || e.code === '28000') return '前置库拒绝登录：用户名或密码错误';
  if (e.code === '3D000') return '前置库中没有这个数据库';
  if (e.code === 'ECONNREFUSED') return '无法连接前置库：对方拒绝连接（地址或端口错误，或服务未启动）';
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return '无法连接前置库：主机名无法解析';
  if (e.code === 'ETIMEDOUT' || /timeout/i.test(e.message ?? '')) return '无法连接前置库：连接超时';
  return `无法连接前置库：${e.message ?? String(err)}`;
}

/** Runs `work` in a READ ONLY transaction with the statement timeout, UTC session time, then closes. */
async function readOnly<T>(ctx: SourceContext<DatabaseConfig>, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect(ctx);
  try {
    await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${Number(ctx.config.statementTimeoutMs)}`);
    await client.query(`SET LOCAL TIME ZONE 'UTC'`);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    if (err instanceof SourceStop || err instanceof SourceUnavailable) throw err;
    const e = err as { code?: string; message?: string };
    if (e.code === '57014') throw new SourceUnavailable('前置库查询超时（超过设定的语句超时）');
    if (e.code === '25006') throw new SourceStop('BAD_QUERY', '查询语句试图修改前置库，已拒绝');
    if (e.code === '42703' || e.code === '42P01' || e.code === '42601')
      throw new SourceStop('BAD_QUERY', `查询语句无法执行：${e.message}`);
    throw new SourceUnavailable(`读取前置库失败：${e.message ?? String(err)}`);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function readAfter(
  ctx: SourceContext<DatabaseConfig>,
  cursor: string | null,
  chunkSize: number,
): Promise<RowChunk> {
  const query = validateQuery(ctx.config.query);
  const wm = `q."${ctx.config.watermarkColumn}"`;
  return readOnly(ctx, async (c) => {
    const after = cursor === null ? 'TRUE' : `${wm} > $1`;
    const params = cursor === null ? [] : [cursor];
    // The watermark of the chunk-th row after the cursor: the chunk takes every row up to it (ties included).
    const boundary = await c.query<{ b: string | null }>(
      `SELECT ${wm}::text AS b FROM (${query}) q WHERE ${after} ORDER BY ${wm} OFFSET ${chunkSize - 1} LIMIT 1`,
      params,
    );
    const upTo = boundary.rows[0]?.b ?? null;
    const bounded = upTo === null ? after : `${after} AND ${wm} <= $${params.length + 1}`;
    const res = await c.query(
      `SELECT q.*, ${wm}::text AS "__wm" FROM (${query}) q WHERE ${bounded} ORDER BY ${wm}`,
      upTo === null ? params : [...params, upTo],
    );
    const columns = res.fields.map((f) => f.name).filter((n) => n !== '__wm');
    if (!columns.includes(ctx.config.watermarkColumn))
      throw new SourceStop('COLUMNS_CHANGED', `查询结果中没有水位列“${ctx.config.watermarkColumn}”`);
    const last = res.rows.at(-1) as { __wm?: string } | undefined;
    const rows = res.rows.map(({ __wm: _w, ...row }: Record<string, unknown>) => row);
    return { rows, columns, cursorAfter: last?.__wm ?? cursor, done: upTo === null };
  });
}

/** The source's newest watermark is older than the committed cursor: rebuilt or rolled back. */
export async function watermarkBehind(ctx: SourceContext<DatabaseConfig>, cursor: string): Promise<string | null> {
  const query = validateQuery(ctx.config.query);
  const wm = `q."${ctx.config.watermarkColumn}"`;
  return readOnly(ctx, async (c) => {
    const r = await c.query<{ top: string | null; behind: boolean | null }>(
      `SELECT max(${wm})::text AS top, max(${wm}) < $1 AS behind FROM (${query}) q`,
      [cursor],
    );
    const row = r.rows[0];
    return row?.behind ? (row.top ?? '（无数据）') : null;
  });
}

export const databaseSource: RowSourceAdapter<DatabaseConfig> = {
  shape: 'ROW',
  parseConfig: (raw) => {
    const parsed = databaseConfigSchema.safeParse(raw);
    if (!parsed.success) throw new SourceStop('BAD_CONFIG', `数据库来源配置有误：${parsed.error.issues[0]?.message}`);
    validateQuery(parsed.data.query);
    return parsed.data;
  },
  async testConnection(ctx) {
    try {
      const query = validateQuery(ctx.config.query);
      const cols = await readOnly(ctx, async (c) => {
        const r = await c.query(`SELECT * FROM (${query}) q LIMIT 0`);
        return r.fields.map((f) => f.name);
      });
      if (!cols.includes(ctx.config.watermarkColumn))
        return { ok: false, message: `连接成功，但查询结果中没有水位列“${ctx.config.watermarkColumn}”` };
      return { ok: true, message: `连接成功，查询返回 ${cols.length} 列` };
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  },
  readAfter,
};

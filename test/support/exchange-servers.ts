// Real servers on loopback for the exchange protocol tests (R-4.2, R-4.3): an SFTP server (ssh2's Server, password
// and public-key login) and an FTP/FTPS server (ftp-srv, plain and explicit TLS), each serving a temporary folder,
// plus a self-signed certificate made with openssl for the TLS ones.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  mkdtempSync,
  readFileSync,
  type Stats,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import FtpSrv from 'ftp-srv';
import ssh2, { type ParsedKey } from 'ssh2';

// By the default export: ssh2 is CommonJS, whose named exports Node's ESM loader cannot always see.
const { Server, utils } = ssh2;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A self-signed certificate for 127.0.0.1 / localhost (PEM key and cert). */
export function selfSignedCert(cn = 'localhost'): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cert-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${cn}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
}

export interface SftpServer {
  port: number;
  root: string;
  clientKey: string;
  close(): Promise<void>;
}

/** An SFTP server over `root`: user `user` logs in with `password`, or with the returned client key. */
export async function startSftpServer(opts: { username: string; password: string }): Promise<SftpServer> {
  const root = mkdtempSync(join(tmpdir(), 'sftp-root-'));
  const hostKey = utils.generateKeyPairSync('ed25519');
  const clientPair = utils.generateKeyPairSync('ed25519');
  const allowed = utils.parseKey(clientPair.public) as ParsedKey;
  const { STATUS_CODE } = utils.sftp;
  const local = (p: string) => join(root, posix.normalize(posix.join('/', p)));
  const attrs = (s: Stats) => ({
    mode: s.mode,
    uid: 0,
    gid: 0,
    size: s.size,
    atime: Math.floor(s.atimeMs / 1000),
    mtime: Math.floor(s.mtimeMs / 1000),
  });

  const server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      if (ctx.username !== opts.username) return ctx.reject();
      if (ctx.method === 'password' && ctx.password === opts.password) return ctx.accept();
      if (ctx.method === 'publickey') {
        const same = ctx.key.algo === allowed.type && ctx.key.data.equals(allowed.getPublicSSH());
        if (!same) return ctx.reject();
        if (ctx.signature && (!ctx.blob || allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true))
          return ctx.reject();
        return ctx.accept();
      }
      ctx.reject(['password', 'publickey']);
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('sftp', (acceptSftp) => {
          const sftp = acceptSftp();
          const handles = new Map<string, { fd?: number; dir?: string; listed?: boolean }>();
          let next = 0;
          const handle = (h: { fd?: number; dir?: string }) => {
            const id = String(next++);
            handles.set(id, h);
            return Buffer.from(id);
          };
          const fail = (reqid: number, err: unknown) =>
            sftp.status(
              reqid,
              (err as NodeJS.ErrnoException).code === 'ENOENT' ? STATUS_CODE.NO_SUCH_FILE : STATUS_CODE.FAILURE,
            );
          sftp.on('REALPATH', (reqid, path) => {
            const p = posix.normalize(posix.join('/', path));
            sftp.name(reqid, [{ filename: p, longname: p, attrs: {} as never }]);
          });
          const statOf = (reqid: number, path: string) => {
            try {
              sftp.attrs(reqid, attrs(statSync(local(path))));
            } catch (err) {
              fail(reqid, err);
            }
          };
          sftp.on('STAT', statOf);
          sftp.on('LSTAT', statOf);
          sftp.on('FSTAT', (reqid, h) => {
            const fd = handles.get(h.toString())?.fd;
            if (fd === undefined) return sftp.status(reqid, STATUS_CODE.FAILURE);
            sftp.attrs(reqid, attrs(fstatSync(fd)));
          });
          sftp.on('OPENDIR', (reqid, path) => {
            try {
              if (!statSync(local(path)).isDirectory()) return sftp.status(reqid, STATUS_CODE.FAILURE);
              sftp.handle(reqid, handle({ dir: local(path) }));
            } catch (err) {
              fail(reqid, err);
            }
          });
          sftp.on('READDIR', (reqid, h) => {
            const d = handles.get(h.toString());
            if (!d?.dir) return sftp.status(reqid, STATUS_CODE.FAILURE);
            if (d.listed) return sftp.status(reqid, STATUS_CODE.EOF);
            d.listed = true;
            const names = readdirSync(d.dir).map((name) => {
              const s = statSync(join(d.dir!, name));
              const kind = s.isDirectory() ? 'd' : '-';
              return {
                filename: name,
                longname: `${kind}rw-r--r-- 1 u g ${s.size} Jan 1 00:00 ${name}`,
                attrs: attrs(s),
              };
            });
            sftp.name(reqid, names);
          });
          sftp.on('OPEN', (reqid, filename, flags) => {
            try {
              const mode = flags & utils.sftp.OPEN_MODE.WRITE ? 'w' : 'r';
              sftp.handle(reqid, handle({ fd: openSync(local(filename), mode) }));
            } catch (err) {
              fail(reqid, err);
            }
          });
          sftp.on('READ', (reqid, h, offset, length) => {
            const fd = handles.get(h.toString())?.fd;
            if (fd === undefined) return sftp.status(reqid, STATUS_CODE.FAILURE);
            const buf = Buffer.alloc(length);
            const n = readSync(fd, buf, 0, length, offset);
            if (n === 0) return sftp.status(reqid, STATUS_CODE.EOF);
            sftp.data(reqid, buf.subarray(0, n));
          });
          sftp.on('CLOSE', (reqid, h) => {
            const e = handles.get(h.toString());
            handles.delete(h.toString());
            if (e?.fd !== undefined) closeSync(e.fd);
            sftp.status(reqid, STATUS_CODE.OK);
          });
          sftp.on('RENAME', (reqid, from, to) => {
            try {
              renameSync(local(from), local(to));
              sftp.status(reqid, STATUS_CODE.OK);
            } catch (err) {
              fail(reqid, err);
            }
          });
          sftp.on('REMOVE', (reqid, path) => {
            try {
              unlinkSync(local(path));
              sftp.status(reqid, STATUS_CODE.OK);
            } catch (err) {
              fail(reqid, err);
            }
          });
          sftp.on('MKDIR', (reqid, path) => {
            try {
              mkdirSync(local(path), { recursive: true });
              sftp.status(reqid, STATUS_CODE.OK);
            } catch (err) {
              fail(reqid, err);
            }
          });
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    root,
    clientKey: clientPair.private,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface FtpServer {
  port: number;
  root: string;
  close(): Promise<void>;
}

/** An FTP server over `root`; with `tls`, explicit FTPS (AUTH TLS) is offered. */
export async function startFtpServer(opts: {
  username: string;
  password: string;
  tls?: { key: string; cert: string };
}): Promise<FtpServer> {
  const root = mkdtempSync(join(tmpdir(), 'ftp-root-'));
  const port = await freePort();
  const server = new FtpSrv({
    url: `ftp://127.0.0.1:${port}`,
    pasv_url: '127.0.0.1',
    pasv_min: 30000 + (port % 20000),
    anonymous: false,
    tls: opts.tls ? { key: opts.tls.key, cert: opts.tls.cert } : false,
    greeting: ['test FTP'],
    log: silentLog() as never,
  });
  server.on('login', ({ username, password }, resolve, reject) => {
    if (username === opts.username && password === opts.password) resolve({ root });
    else reject(new Error('bad login'));
  });
  server.on('client-error', () => undefined);
  await server.listen();
  return { port, root, close: async () => void (await server.close()) };
}

function silentLog() {
  const log: Record<string, unknown> = {};
  for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal']) log[level] = () => undefined;
  log.child = () => log;
  return log;
}

// A real IMAP server for the mail tests: Debian's dovecot run as this (non-root) user with its own
// configuration in a temporary folder — passwd-file login, maildir storage, listening on 127.0.0.1 on a free port,
// no TLS (loopback only).
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { freePort } from './exchange-servers';

export interface Dovecot {
  port: number;
  dir: string;
  stop(): Promise<void>;
}

export async function startDovecot(users: { username: string; password: string }[]): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'dovecot-'));
  for (const sub of ['run', 'state', 'mail', 'home']) mkdirSync(join(dir, sub));
  const port = await freePort();
  // As an ordinary user, dovecot runs every process as that user. As root (a container), its login and mail
  // processes must not be root: they run as `nobody`, which must then reach the folder.
  const self = userInfo();
  const asRoot = self.uid === 0;
  const me = asRoot ? { username: 'nobody', uid: 65534, gid: 65534 } : self;
  const group = nameOfGroup(me.gid) ?? me.username;
  if (asRoot) {
    chmodSync(dir, 0o755);
    for (const sub of ['mail', 'home']) chownSync(join(dir, sub), me.uid, me.gid);
  }
  writeFileSync(
    join(dir, 'passwd'),
    users
      .map((u) => `${u.username}:{PLAIN}${u.password}:${me.uid}:${me.gid}::${join(dir, 'home', u.username)}::`)
      .join('\n') + '\n',
  );
  const conf = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${asRoot ? 'dovecot' : me.username}
default_internal_group = ${asRoot ? 'dovecot' : group}
default_login_user = ${asRoot ? 'dovenull' : me.username}
first_valid_uid = ${me.uid}
first_valid_gid = ${me.gid}
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/passwd
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-reader {
    mode = 0600
  }
  unix_listener stats-writer {
    mode = 0600
  }
}
`;
  writeFileSync(join(dir, 'dovecot.conf'), conf);
  const child: ChildProcess = spawn('/usr/sbin/dovecot', ['-F', '-c', join(dir, 'dovecot.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited: ${stderr}`);
    if (await reachable(port)) break;
    if (Date.now() > deadline) throw new Error(`dovecot did not listen on ${port}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port,
    dir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

function nameOfGroup(gid: number): string | undefined {
  return readFileSync('/etc/group', 'utf8')
    .split('\n')
    .find((l) => l.split(':')[2] === String(gid))
    ?.split(':')[0];
}

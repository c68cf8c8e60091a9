// The database login the stack's services use. Production runs the app, the worker and the seed as a login
// member of xinyong_app (README, Database roles): it may not read the migration table, rewrite or delete the
// audit log, or change the schema. A stack that made its own database runs its services the same way, so a code
// path that needs more than the application's grants fails in the tests, not on the county's server.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Log } from './processes';

const APP_GROUP = 'xinyong_app';

export interface AppLogin {
  url: string;
  /** Removes the login (a test database on a shared server); the group and its grants stay. */
  drop(): Promise<void>;
}

/**
 * A login member of xinyong_app on the owner's server, with a fresh password, or null where that cannot be
 * (the security migration could not create the group, or the owner may not create roles): the services then
 * use the owner's connection, as before.
 */
export async function appLogin(ownerUrl: string, name: string, log: Log): Promise<AppLogin | null> {
  const password = randomBytes(24).toString('base64url');
  const admin = new pg.Client({ connectionString: ownerUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ group: boolean; may: boolean; exists: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS "group",
              (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) AS may,
              EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $2) AS "exists"`,
      [APP_GROUP, name],
    );
    const state = rows[0]!;
    if (!state.group || !state.may) {
      log(
        `the services use the database owner's login: ${APP_GROUP} ${state.group ? 'may not be joined' : 'is missing'}`,
      );
      return null;
    }
    const role = admin.escapeIdentifier(name);
    if (!state.exists) await admin.query(`CREATE ROLE ${role} LOGIN`);
    await admin.query(`ALTER ROLE ${role} LOGIN PASSWORD ${admin.escapeLiteral(password)}`);
    await admin.query(`GRANT ${APP_GROUP} TO ${role}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ownerUrl);
  url.username = name;
  url.password = password;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: ownerUrl });
      await c.connect();
      try {
        await c.query(`DROP ROLE IF EXISTS ${c.escapeIdentifier(name)}`);
      } finally {
        await c.end();
      }
    },
  };
}

// The database client the public site reads through (issue 13, Protection). CONTRACT: every public page,
// the report and the verification page read only through `publicDb`, never `db`; writes (accounts, counts)
// go through `db`. The protection part of issue 13 points this at a role that can only read what the site
// shows, and at DATABASE_READ_URL (a read replica) when that is set; until then it is the process's client.
import 'server-only';
import { db, type Db } from '@/lib/db';

export const publicDb: Db = db;

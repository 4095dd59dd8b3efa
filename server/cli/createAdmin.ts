/**
 * Create the first admin (outside the demo there are no default passwords, SPEC 9):
 *   npm run admin:create -- --username alice --name "Alice Nguyen" --org "Provincial Steering Committee"
 * The password is read from the ADMIN_PASSWORD environment variable or, interactively, from stdin.
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { z } from 'zod';
import { parseEnv } from '../env.js';
import { createLogger } from '../logger.js';
import { openDb } from '../db/db.js';
import { migrate } from '../db/migrations.js';
import { insertUser } from '../features/users/users.routes.js';
import { UserCreateSchema } from '../../shared/schemas/auth.js';
import { zodIssues } from '../../shared/schemas/api.js';
import { HttpError } from '../http/errors.js';
import { passwordProblem } from '../auth/passwordPolicy.js';

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    org: { type: 'string', default: 'Platform administrators' },
  },
});
const env = parseEnv(process.env);
if (!env.ok) {
  console.error(env.problems.join('\n'));
  process.exit(2);
}
let password = process.env.ADMIN_PASSWORD;
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question('Password for the new admin (at least 12 characters, not a common one): ');
  rl.close();
}
const input = UserCreateSchema.extend({ orgName: z.string().trim().min(1).max(160) }).safeParse({
  username: values.username,
  displayName: values.name ?? values.username,
  password,
  role: 'admin',
  orgId: '00000000-0000-4000-8000-000000000000',
  orgName: values.org,
});
if (!input.success) {
  console.error(
    zodIssues(input.error)
      .map((i) => `${i.path}: ${i.message}`)
      .join('\n'),
  );
  process.exit(2);
}
// Checked again by insertUser; here so a weak password is refused before anything is written.
const problem = passwordProblem(input.data.password, [input.data.username, input.data.displayName]);
if (problem) {
  console.error(`password: ${problem}`);
  process.exit(2);
}
const log = createLogger('warn');
const db = await openDb(
  { databaseUrl: env.settings.config.databaseUrl, dataDir: env.settings.config.dataDir },
  log,
);
try {
  await migrate(db, log);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO organisations (name, kind, sectors) VALUES ($1, 'other', '{}')
     ON CONFLICT (lower(name)) DO UPDATE SET name = organisations.name RETURNING id`,
    [input.data.orgName],
  );
  const user = await insertUser(db, { ...input.data, orgId: rows[0]!.id, scope: null });
  console.log(`Admin ${user.username} created.`);
} catch (err) {
  console.error(err instanceof HttpError ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.close();
}

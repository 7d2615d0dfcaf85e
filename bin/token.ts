// `npm run -s token -- --role <role> --org <org> [--email <email>] [--data <dir>]`: prints a
// token for the local stack, signed with the key in its data folder (created when absent).
import { parseArgs } from 'node:util';
import { RoleSchema } from '../functions/handlers/http/caller.js';
import { loadSigningKey, signToken } from './local/local-auth.js';
import { DEFAULT_DATA_DIR } from './local/start-options.js';

const fail = (line: string): never => {
  console.error(`npm run token: ${line}`);
  process.exit(2);
};

const HELP = `Usage: npm run -s token -- --role <role> [--org <organisation>] [--email <email>] [--hours <n>] [--data <dir>]

Prints an ID token for the local stack (npm start), signed with the key in its data folder.
  --role    one of ${RoleSchema.options.join(', ')}
  --org     the organisation (required for customer and partner), e.g. acme
  --email   the person (default <role>@<org>.example, or <role>@center.example for staff)
  --hours   how long it is valid (default 12)
  --data    the data folder npm start uses (default ${DEFAULT_DATA_DIR})`;

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}

let values;
try {
  ({ values } = parseArgs({
    args: argv,
    strict: true,
    options: { role: { type: 'string' }, org: { type: 'string' }, email: { type: 'string' }, data: { type: 'string', default: DEFAULT_DATA_DIR }, hours: { type: 'string', default: '12' } },
  }));
} catch (error) {
  fail(String((error as Error).message).split('\n')[0]!);
}
const { role: rawRole, org, email, data, hours } = values!;
const role = RoleSchema.safeParse(rawRole);
if (!role.success) fail(`--role must be one of ${RoleSchema.options.join(', ')}`);
const customerSide = role.data === 'customer' || role.data === 'partner';
if (customerSide && !org) fail(`--org is required for the ${role.data} role`);
if (!/^\d+$/.test(hours!)) fail('--hours must be a whole number');
const address = email ?? (customerSide ? `${role.data}@${org}.example` : `${role.data}@center.example`);

const key = await loadSigningKey(data!);
console.log(await signToken(key, { role: role.data!, organisationId: org ?? null, email: address, hours: Number(hours) }));

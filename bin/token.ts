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

let values;
try {
  ({ values } = parseArgs({
    args: process.argv.slice(2),
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

// `npm run -s api:entries`: writes each API function's entry file (functions/handlers/http/api/)
// from the layout (lib/api-layout.ts) and removes entry files no group names.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROUTES } from '../functions/handlers/http/routes.js';
import { apiEntrySource, apiFunctionGroups } from '../lib/api-layout.js';
import { PROJECT_ROOT } from '../lib/support-function.js';

const dir = join(PROJECT_ROOT, 'functions', 'handlers', 'http', 'api');
const groups = apiFunctionGroups(ROUTES);
const files = new Set(groups.map((g) => `${g.file}.ts`));
for (const group of groups) writeFileSync(join(dir, `${group.file}.ts`), apiEntrySource(group));
for (const file of readdirSync(dir)) if (!files.has(file)) rmSync(join(dir, file));
console.log(`${groups.length} entry files in ${dir}`);

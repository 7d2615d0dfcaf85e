import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateApiSchema, SCHEMA_FILE } from '../../web/scripts/api-schema.js';

describe('the portal API client', () => {
  it('is generated from the API\'s current OpenAPI document (run `npm run web:api` when this fails)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await generateApiSchema());
  });
});

import { describe, expect, it } from 'vitest';
import { readRuntimeConfig } from '../../../functions/handlers/http/config.js';

describe('runtime config', () => {
  it('reads the table name', () => expect(readRuntimeConfig({ TABLE_NAME: 'support-desk' })).toEqual({ tableName: 'support-desk' }));
  it('fails the init, naming the variable, when it is missing or empty', () => {
    expect(() => readRuntimeConfig({})).toThrow(/TABLE_NAME/);
    expect(() => readRuntimeConfig({ TABLE_NAME: '' })).toThrow(/TABLE_NAME/);
  });
});

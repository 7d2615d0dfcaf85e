// `npm start -- --allow-origin <origin>`: the portal's origin for CORS, repeatable, refused when not an origin.
import { describe, expect, it } from 'vitest';
import { parseStartOptions, UsageError } from '../../bin/local/start-options.js';

describe('--allow-origin', () => {
  it('is none by default, and repeatable', () => {
    expect(parseStartOptions([]).allowedOrigins).toBeUndefined();
    expect(parseStartOptions(['--allow-origin', 'http://127.0.0.1:5173', '--allow-origin', 'https://portal.example']).allowedOrigins)
      .toEqual(['http://127.0.0.1:5173', 'https://portal.example']);
  });

  it('refuses what is not an origin (a path, a trailing slash, a wildcard), naming the flag', () => {
    for (const bad of ['http://127.0.0.1:5173/', 'http://x.example/app', '*', 'portal']) {
      expect(() => parseStartOptions(['--allow-origin', bad])).toThrow(UsageError);
      expect(() => parseStartOptions(['--allow-origin', bad])).toThrow(/--allow-origin/);
    }
  });
});

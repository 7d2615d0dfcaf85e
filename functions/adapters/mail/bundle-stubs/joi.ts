/**
 * `joi` as the inbound-mail bundle sees it (lib/bundle-aliases.ts): mailauth's tools.js builds one
 * schema at import, `Joi.string().base64({ paddingRequired: false })`, and validates DKIM public
 * keys with it. Joi and its @hapi/* helpers cost ~185 KB minified for that (issue 13); this is
 * exactly that check, with Joi's own pattern. Any other use throws at bundle import, not silently.
 * Only bundles use this file; tests load the real package.
 */

// Joi's base64 pattern for { paddingRequired: false, urlSafe: false } (joi/lib/types/string.js)
const BASE64_UNPADDED = /^(?:[A-Za-z0-9+/]{2}[A-Za-z0-9+/]{2})*(?:[A-Za-z0-9+/]{2}(==)?|[A-Za-z0-9+/]{3}=?)?$/;

export type ValidationResult = { value: unknown; error?: Error };

type Base64Options = { paddingRequired?: boolean; urlSafe?: boolean };

export function string() {
  return {
    base64(options: Base64Options = {}) {
      if (options.paddingRequired !== false || options.urlSafe === true) {
        throw new Error('only Joi.string().base64({ paddingRequired: false }) is bundled (lib/bundle-aliases.ts)');
      }
      return {
        /** As Joi: not a string, an empty string or not base64 is an error. */
        validate(value: unknown): ValidationResult {
          if (typeof value !== 'string') return { value, error: new Error('"value" must be a string') };
          if (value === '') return { value, error: new Error('"value" is not allowed to be empty') };
          return BASE64_UNPADDED.test(value) ? { value } : { value, error: new Error('"value" must be a valid base64 string') };
        },
      };
    },
  };
}

export default { string };

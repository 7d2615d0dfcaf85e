import * as z from '../../domain/zod.js';

/** Wiring read from the environment (not business numbers: those are the policy, style §5). */
const RuntimeConfigSchema = /* @__PURE__ */ z.schema(() => z.object({ TABLE_NAME: z.string().check(z.minLength(1)), ATTACHMENT_BUCKET: z.optional(z.string().check(z.minLength(1))) }));
/** `attachmentBucket`: set only on the routes that sign or check attachment objects. */
export type RuntimeConfig = { tableName: string; attachmentBucket?: string };

/** Parsed once at cold start: a missing or empty variable fails the init, not a request. */
export function readRuntimeConfig(env: Record<string, string | undefined>): RuntimeConfig {
  const parsed = RuntimeConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid runtime configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, { cause: parsed.error });
  }
  return { tableName: parsed.data.TABLE_NAME, ...(parsed.data.ATTACHMENT_BUCKET ? { attachmentBucket: parsed.data.ATTACHMENT_BUCKET } : {}) };
}

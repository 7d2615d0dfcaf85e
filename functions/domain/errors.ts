export type DomainErrorCode =
  | 'not-found'
  | 'invalid-transition'
  | 'version-conflict'
  | 'not-allowed'
  | 'invalid-input'
  | 'policy-mismatch'
  | 'idempotency-conflict';

/** A business refusal; the edge maps its code to an HTTP problem. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly context: Readonly<Record<string, string | number>> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DomainError';
  }
}

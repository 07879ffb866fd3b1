/**
 * Business rules raise DomainError with a stable, machine-readable code and a Chinese message.
 * One exception filter (apps/api) maps the kind to an HTTP status; workers and the CLI see the same error.
 */
export type DomainErrorKind =
  | 'invalid_input' // 400
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'rule_violation' // 422
  | 'rate_limited'; // 429

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalidInput = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('invalid_input', code, message, details);
export const notFound = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('not_found', code, message, details);
export const forbidden = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('forbidden', code, message, details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('conflict', code, message, details);
export const ruleViolation = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('rule_violation', code, message, details);

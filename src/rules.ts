/** Field name → message, in the order the fields appear on the form. */
export type FieldErrors = Record<string, string>;

/**
 * A domain rule said no. Carries messages keyed by form field so the form can re-render with
 * each message beside its field.
 */
export class RuleViolation extends Error {
  constructor(readonly errors: FieldErrors) {
    super(Object.values(errors).join('; '));
  }
}

export class NotFound extends Error {
  readonly statusCode = 404;
}

export class Forbidden extends Error {
  readonly statusCode = 403;
}

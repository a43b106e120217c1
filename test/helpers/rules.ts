import { RuleViolation } from '../../src/rules.ts';

/** The per-field messages of the rule a call breaks; fails the test if no rule is broken. */
export function violation(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (error) {
    if (error instanceof RuleViolation) return error.errors;
    throw error;
  }
  throw new Error('expected a rule to be broken');
}

import { z } from 'zod';
import { RuleViolation, type FieldErrors } from '../rules.ts';

export type FormBody = Record<string, unknown>;

/** The request body as a plain record of what was typed (never undefined). */
export function formBody(body: unknown): FormBody {
  return body && typeof body === 'object' ? { ...(body as FormBody) } : {};
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Validates a form; on failure, one message per field in the schema's field order. */
export function parseForm<T>(schema: z.ZodType<T>, body: FormBody): Parsed<T> {
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (!(field in errors)) errors[field] = issue.message;
  }
  return { ok: false, errors: orderLike(errors, schema) };
}

function orderLike(errors: FieldErrors, schema: z.ZodType<unknown>): FieldErrors {
  const shape = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  const ordered: FieldErrors = {};
  for (const key of shape) if (key in errors) ordered[key] = errors[key]!;
  for (const [key, message] of Object.entries(errors)) if (!(key in ordered)) ordered[key] = message;
  return ordered;
}

/** A single text value from a form field that may have been sent as a list or not at all. */
const single = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v) ?? '';

/** Required text, trimmed, with a length limit. */
export function requiredText(missing: string, max: number, tooLong = `Must be ${max} characters or fewer`) {
  return z.preprocess(single, z.string({ error: missing }).trim().min(1, missing).max(max, tooLong));
}

/** Optional text, trimmed, '' when left empty. */
export function optionalText(max: number, tooLong = `Must be ${max} characters or fewer`) {
  return z.preprocess(single, z.string().trim().max(max, tooLong));
}

/** A whole number typed into a text box. */
export function wholeNumber(missing: string, notNumber: string, min: number, max: number, outOfRange: string) {
  return z.preprocess(
    single,
    z
      .string({ error: missing })
      .trim()
      .min(1, missing)
      .regex(/^-?\d+$/, notNumber)
      .transform(Number)
      .pipe(z.number().int().min(min, outOfRange).max(max, outOfRange)),
  );
}

/** Ticked checkboxes: absent, one value or many, each from the allowed list. */
export function checkboxes<T extends string>(allowed: readonly T[], invalid = 'Choose from the options given') {
  return z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(allowed as unknown as [T, ...T[]], { error: invalid })).transform((list) => [...new Set(list)]),
  );
}

/** One choice from radios. */
export function radio<T extends string>(allowed: readonly T[], missing: string) {
  return z.preprocess(single, z.enum(allowed as unknown as [T, ...T[]], { error: missing }));
}

/** A single tickbox that must be ticked (or may be), sent as "yes" when ticked. */
export function tickbox() {
  return z.preprocess((v) => single(v) === 'yes', z.boolean());
}

/**
 * The three boxes of a GOV.UK date input (name-day, name-month, name-year) as "YYYY-MM-DD",
 * or whatever was typed when it isn't a date, so validation can say so.
 */
export function joinDateParts(body: FormBody, name: string): void {
  const part = (suffix: string): string => String(single(body[`${name}-${suffix}`])).trim();
  const [d, m, y] = [part('day'), part('month'), part('year')];
  if (!d && !m && !y) {
    body[name] = '';
    return;
  }
  body[name] = /^\d{1,2}$/.test(d) && /^\d{1,2}$/.test(m) && /^\d{4}$/.test(y) ? `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : 'invalid';
}

/** The reverse: splits a stored date into the three boxes for editing. */
export function splitDate(date: string, name: string): FormBody {
  const [y, m, d] = date.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
}

/**
 * The shape of every form POST: validate, let the domain act, then redirect (POST → 303 →
 * GET); or re-render the same page with what was typed and the messages, whether the form
 * or a domain rule said no.
 */
export async function submitForm<T>(
  reply: import('fastify').FastifyReply,
  args: {
    schema: z.ZodType<T>;
    body: FormBody;
    view: string;
    viewData: Record<string, unknown>;
    act: (value: T) => string;
  },
): Promise<unknown> {
  const parsed = parseForm(args.schema, args.body);
  const again = (errors: FieldErrors) => reply.code(400).view(args.view, { ...args.viewData, values: args.body, errors });
  if (!parsed.ok) return again(parsed.errors);
  let redirectTo: string;
  try {
    redirectTo = args.act(parsed.value);
  } catch (error) {
    if (error instanceof RuleViolation) return again(error.errors);
    throw error;
  }
  return reply.redirect(redirectTo, 303);
}

/**
 * A form that is only a button (release, accept, remove): let the domain act, then redirect;
 * or re-render the page with the domain's message if a rule said no.
 */
export async function submitAction(
  reply: import('fastify').FastifyReply,
  args: { view: string; viewData: Record<string, unknown>; act: () => string },
): Promise<unknown> {
  let redirectTo: string;
  try {
    redirectTo = args.act();
  } catch (error) {
    if (error instanceof RuleViolation) return reply.code(400).view(args.view, { ...args.viewData, errors: error.errors });
    throw error;
  }
  return reply.redirect(redirectTo, 303);
}

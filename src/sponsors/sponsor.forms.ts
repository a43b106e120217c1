import { z } from 'zod';
import { isRealDate } from '../events/local-time.ts';
import { checkboxes, joinDateParts, optionalText, radio, requiredText, type FormBody } from '../web/forms.ts';
import { parsePounds } from './money.ts';
import { logoSizes, sponsorFunds } from './sponsors.table.ts';

const single = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v) ?? '';

/** Joins the date boxes of the named date fields, as the form posts them. */
export function withDates(body: FormBody, ...names: string[]): FormBody {
  for (const name of names) joinDateParts(body, name);
  return body;
}

const realDate = (missing: string) =>
  z.preprocess(single, z.string().min(1, missing).refine(isRealDate, 'The date must be a real date, like 19 6 2027'));

export const packageForm = z.object({
  name: requiredText('Enter the package’s name', 80, 'Name must be 80 characters or fewer'),
  benefits: z.preprocess(
    single,
    z
      .string()
      .max(4000, 'Benefits must be 4,000 characters or fewer')
      .transform((v) => v.split(/\r?\n/).map((line) => line.trim()).filter(Boolean))
      .pipe(z.array(z.string().max(200, 'Each benefit must be 200 characters or fewer')).min(1, 'Enter at least one benefit, one to a line').max(20, 'List 20 benefits or fewer')),
  ),
  price: z.preprocess(
    single,
    z
      .string()
      .trim()
      .min(1, 'Enter the price in pounds, like 1500 or 1,500.50')
      .transform((v, ctx) => {
        const pence = parsePounds(v);
        if (pence === null) {
          ctx.addIssue({ code: 'custom', message: 'Enter the price in pounds, like 1500 or 1,500.50' });
          return z.NEVER;
        }
        return pence;
      })
      .pipe(z.number().max(100_000_000, 'The price must be £1,000,000 or less')),
  ),
  available: z.preprocess(
    single,
    z
      .string()
      .trim()
      .regex(/^\d{0,5}$/, 'Enter how many are available as a whole number, like 2, or leave it empty for unlimited')
      .transform((v) => (v === '' ? null : Number(v)))
      .pipe(z.number().max(10_000, 'There can be at most 10,000 of a package').nullable()),
  ),
  signUpDeadline: z.preprocess(
    single,
    z
      .string()
      .refine((v) => v === '' || isRealDate(v), 'The deadline must be a real date, like 30 4 2027')
      .transform((v) => (v === '' ? null : v)),
  ),
  displayOrder: z.preprocess(
    (v) => (single(v) === '' ? '0' : single(v)),
    z.string().trim().regex(/^-?\d{1,4}$/, 'Order must be a whole number, like 1').transform(Number),
  ),
  logoSize: radio(logoSizes, 'Choose how large its sponsors’ logos are'),
  funds: checkboxes(sponsorFunds),
});

const email = z.preprocess(
  single,
  z.string().trim().min(1, 'Enter the contact’s email address').max(254, 'Email address must be 254 characters or fewer').pipe(z.email('Enter an email address in the correct format, like name@example.org')),
);

/** "example.org" is taken to mean https://example.org; only http and https addresses are links. */
const website = z.preprocess(
  single,
  z
    .string()
    .trim()
    .min(1, 'Enter your organisation’s website')
    .max(300, 'Website must be 300 characters or fewer')
    .transform((v) => (/^https?:\/\//i.test(v) ? v : `https://${v}`))
    .refine((v) => {
      try {
        const url = new URL(v);
        return (url.protocol === 'https:' || url.protocol === 'http:') && /\.[a-z]{2,}$/i.test(url.hostname);
      } catch {
        return false;
      }
    }, 'Enter a website address like https://example.org'),
);

export const sponsorDetailsForm = z.object({
  organisationName: requiredText('Enter your organisation’s name', 120, 'Organisation name must be 120 characters or fewer'),
  website,
  contactName: requiredText('Enter the contact’s name', 100, 'Contact name must be 100 characters or fewer'),
  contactEmail: email,
  contactPhone: z.preprocess(
    single,
    z.string().trim().min(1, 'Enter the contact’s phone number').regex(/^\+?[\d\s()-]{7,20}$/, 'Enter a phone number, like 01632 960 001 or +44 808 157 0192'),
  ),
  invoiceAddress: requiredText('Enter the address to send the invoice to', 500, 'Invoicing address must be 500 characters or fewer'),
  purchaseOrder: optionalText(60, 'Purchase order number must be 60 characters or fewer'),
  vatNumber: z.preprocess(single, z.string().trim().regex(/^[A-Za-z0-9 ]{0,20}$/, 'Enter a VAT number like GB 123 4567 89, or leave it empty')),
  description: optionalText(300, 'Description must be 300 characters or fewer'),
});

export const signUpForm = z.object({
  packageId: z.preprocess(single, z.string().regex(/^\d{1,12}$/, 'Choose a package').transform(Number)),
  ...sponsorDetailsForm.shape,
  terms: z.preprocess((v) => single(v) === 'yes', z.literal(true, { error: 'Confirm that you agree to the sponsor terms' })),
});

export const declineForm = z.object({ reason: requiredText('Enter why the sponsor is declined: they will be told', 1000, 'Reason must be 1,000 characters or fewer') });

export const invoiceForm = z.object({
  reference: requiredText('Enter the invoice reference', 60, 'Reference must be 60 characters or fewer'),
  invoicedOn: realDate('Enter the date the invoice was sent'),
});

export const paymentForm = z.object({ paidOn: realDate('Enter the date the payment arrived') });

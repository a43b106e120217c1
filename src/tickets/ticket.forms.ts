import { z } from 'zod';
import { checkboxes, optionalText, radio, requiredText, tickbox } from '../web/forms.ts';
import { accessNeedChoices, attendeeRoles, type RegistrationStatus } from './tickets.table.ts';

const single = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v) ?? '';

/** A registration's status in the organisers' words. */
export const registrationStatusLabels: Record<RegistrationStatus, string> = {
  confirmed: 'Confirmed',
  waiting: 'Waiting',
  entered: 'In the ballot',
  offered: 'Offered',
  cancelled: 'Released',
};

export const attendeeRoleLabels: Record<(typeof attendeeRoles)[number], string> = {
  'council-officer': 'Council officer',
  councillor: 'Councillor',
  supplier: 'Supplier',
  charity: 'Charity or community group',
  citizen: 'Citizen',
  other: 'Other',
};

const email = z.preprocess(
  single,
  z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .max(254, 'Email address must be 254 characters or fewer')
    .pipe(z.email('Enter an email address in the correct format, like name@example.org')),
);

/** What an attendee tells us, shared by registering and editing. */
const attendeeFields = {
  name: requiredText('Enter your name', 100, 'Name must be 100 characters or fewer'),
  organisation: optionalText(150, 'Organisation must be 150 characters or fewer'),
  role: radio(attendeeRoles, 'Choose what best describes you'),
  firstCamp: z.preprocess(single, z.enum(['yes', 'no'], { error: 'Tell us whether this is your first camp' })).transform((v) => v === 'yes'),
  access: checkboxes(accessNeedChoices),
  accessNeeds: optionalText(1000, 'Access needs must be 1,000 characters or fewer'),
  dietaryNeeds: optionalText(500, 'Dietary needs must be 500 characters or fewer'),
  noPhotos: tickbox(),
  showOnAttendeeList: tickbox(),
};

export const registrationForm = z.object({
  // One or several tickets (a day each, say) in one registration; each is allocated by its own rules.
  ticketTypeId: z.preprocess(
    (v) => (Array.isArray(v) ? v : [v]).filter((id) => id !== undefined && id !== ''),
    z
      .array(z.string().regex(/^\d{1,12}$/, 'Choose a ticket'))
      .min(1, 'Choose a ticket')
      .max(20, 'Choose a ticket')
      .transform((ids) => [...new Set(ids)].map(Number)),
  ),
  name: attendeeFields.name,
  email,
  organisation: attendeeFields.organisation,
  role: attendeeFields.role,
  firstCamp: attendeeFields.firstCamp,
  access: attendeeFields.access,
  accessNeeds: attendeeFields.accessNeeds,
  dietaryNeeds: attendeeFields.dietaryNeeds,
  noPhotos: attendeeFields.noPhotos,
  showOnAttendeeList: attendeeFields.showOnAttendeeList,
  codeOfConduct: z.preprocess((v) => single(v) === 'yes', z.literal(true, { error: 'You must agree to the code of conduct to come' })),
  accessCode: optionalText(100),
  wantsBuddy: tickbox(),
  offersBuddy: tickbox(),
  shareEmailWithBuddy: tickbox(),
}).superRefine((form, ctx) => {
  if (form.wantsBuddy && !form.firstCamp) ctx.addIssue({ code: 'custom', path: ['wantsBuddy'], message: 'Buddies are for first-timers: untick this, or say this is your first camp' });
  if (form.offersBuddy && form.firstCamp) ctx.addIssue({ code: 'custom', path: ['offersBuddy'], message: 'Buddies have been to a camp before: untick this, or say this is not your first camp' });
});

export const attendeeDetailsForm = z.object(attendeeFields);

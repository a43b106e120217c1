import { z } from 'zod';
import { optionalText, radio, requiredText, tickbox, wholeNumber } from '../web/forms.ts';
import { outputKinds, outputLicences } from './outputs.table.ts';

/** One form for the three kinds; which fields a kind needs is the domain's rule (outputs.ts). */
export const outputForm = z.object({
  title: requiredText('Enter a title', 120, 'The title must be 120 characters or fewer'),
  body: optionalText(10000, 'The text must be 10,000 characters or fewer'),
  url: optionalText(500, 'The web address must be 500 characters or fewer'),
  owner: optionalText(200, 'The name must be 200 characters or fewer'),
  credited: tickbox(),
});

export const outputKindQuery = z.object({ kind: z.enum(outputKinds).optional() });

/** What each kind's form asks, in the camp's words. */
export const outputKindWords = {
  notes: { add: 'Add notes', titleLabel: 'Title', titleHint: 'For example, Notes from the session', bodyLabel: 'Notes', bodyHint: 'Plain text. Web addresses starting with https:// become links.' },
  link: { add: 'Add a link', titleLabel: 'What is it?', titleHint: 'For example, Slides or Video of the session' },
  action: { add: 'Add an action', titleLabel: 'What happens next', titleHint: 'For example, Share the draft guidance with three councils', bodyLabel: 'More detail (optional)', bodyHint: 'Plain text.' },
} as const;

export const visibilityForm = z.object({ reason: requiredText('Enter the reason', 500, 'The reason must be 500 characters or fewer') });

export const outputSettingsForm = z.object({
  licence: radio(outputLicences, 'Choose a licence'),
  digestDaysAfter: wholeNumber('Enter how many days after the camp', 'Enter the days as a whole number, like 7', 1, 60, 'Enter a number of days from 1 to 60'),
});

import { z } from 'zod';
import { checkboxes, requiredText } from '../web/forms.ts';

/** Line endings as browsers send them (\r\n) become plain \n, so the text reads the same in every email. */
const typedText = (missing: string, max: number, tooLong: string) =>
  z.preprocess((v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v), requiredText(missing, max, tooLong));

/** A message to the people coming; `groups` are the choices this event offers. */
export function messageForm(groups: string[]) {
  return z.object({
    subject: requiredText('Enter a subject', 150, 'Subject must be 150 characters or fewer'),
    body: typedText('Enter the message', 10_000, 'Message must be 10,000 characters or fewer'),
    groups: checkboxes(groups, 'Choose from the groups given').refine((chosen) => chosen.length > 0, 'Choose who gets the message'),
  });
}

/** The same message from the preview's Send button, with the key that makes a second press harmless. */
export function sendForm(groups: string[]) {
  return messageForm(groups).extend({
    sendKey: z.preprocess((v) => (Array.isArray(v) ? v[0] : v) ?? '', z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Preview the message again before sending it')),
  });
}

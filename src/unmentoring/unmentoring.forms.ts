import { z } from 'zod';
import { optionalText, requiredText } from '../web/forms.ts';

/** Joining UnMentoring, or changing what one would like to talk about. */
export const joinForm = z.object({
  organisation: optionalText(150, 'Organisation must be 150 characters or fewer'),
  topics: requiredText('Say what you would like to talk about', 500, 'What you would like to talk about must be 500 characters or fewer'),
});

import { z } from 'zod';
import { optionalText, radio } from '../web/forms.ts';
import { decisions } from './review.ts';

/** The review page's bulk form: the names ticked, what they are, and (for councils) which. */
export const reviewForm = z.object({
  keys: z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().max(300)).min(1, 'Choose at least one organisation').max(500, 'Choose at most 500 organisations at once'),
  ),
  decision: radio(decisions, 'Choose what they are'),
  council: optionalText(200, 'Council must be 200 characters or fewer'),
});

export const decisionLabels: Record<(typeof decisions)[number], string> = {
  council: 'A council in the register',
  'town-or-parish-council': 'A town or parish council within a council in the register',
  'not-a-council': 'Not a council (a supplier, charity or other organisation)',
};

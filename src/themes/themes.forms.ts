import { z } from 'zod';
import { requiredText } from '../web/forms.ts';

/** A theme's name, added or changed. */
export const themeForm = z.object({
  name: requiredText('Enter the theme’s name, like democracy', 40, 'Theme must be 40 characters or fewer').transform((name) => name.replace(/\s+/g, ' ')),
});

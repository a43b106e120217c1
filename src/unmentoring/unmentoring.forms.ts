import { z } from 'zod';
import { optionalText, radio, requiredText } from '../web/forms.ts';

/** Joining UnMentoring, or changing what one would like to talk about. */
export const joinForm = z.object({
  organisation: optionalText(150, 'Organisation must be 150 characters or fewer'),
  topics: requiredText('Say what you would like to talk about', 500, 'What you would like to talk about must be 500 characters or fewer'),
});

/** Whether rounds start by themselves: never, or monthly on a day every month has. */
export const scheduleForm = z
  .object({
    schedule: radio(['never', 'monthly'], 'Choose whether rounds start automatically'),
    dayOfMonth: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().optional()),
  })
  .transform((v, ctx) => {
    const typed = (v.dayOfMonth ?? '').trim();
    // A day typed must be a real one even beside "never", so nothing is quietly thrown away.
    if (v.schedule === 'never' && typed === '') return { dayOfMonth: null };
    if (!/^\d{1,2}$/.test(typed) || Number(typed) < 1 || Number(typed) > 28) {
      ctx.addIssue({ code: 'custom', path: ['dayOfMonth'], message: typed === '' ? 'Enter the day of the month rounds start' : 'Day of the month must be a whole number from 1 to 28' });
      return z.NEVER;
    }
    return { dayOfMonth: v.schedule === 'never' ? null : Number(typed) };
  });

import { z } from 'zod';
import { optionalText, radio } from '../web/forms.ts';

const single = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v) ?? '';
const id = (message: string) => z.preprocess(single, z.string().regex(/^\d{1,12}$/, message).transform(Number));

/** Every edit carries the version of the grid it was made on. */
const version = z.preprocess(single, z.string().regex(/^\d{1,9}$/, 'Reload the grid and try again').transform(Number));

export const placeForm = z.object({ version, pitchId: id('Choose a session'), roomId: id('Choose a room'), slotId: id('Choose a time') });
export const swapForm = z.object({ version, pitchId: id('Choose a session'), otherPitchId: id('Choose the session to swap with') });
export const pitchActionForm = z.object({ version, pitchId: id('Choose a session') });
export const pinForm = z.object({ version, pitchId: id('Choose a session'), pinned: radio(['yes', 'no'] as const, 'Choose whether to pin it').transform((v) => v === 'yes') });
export const versionForm = z.object({ version });
export const proposeForm = z.object({ version, mode: radio(['replan', 'fill'] as const, 'Choose what the scheduler may move') });
export const publishForm = z.object({ version, note: optionalText(1000, 'The note must be 1,000 characters or fewer') });

import { roomFeatures } from '../events/events.table.ts';
import { dateAndTime } from '../events/local-time.ts';
import type { PitchFormat, PitchNeed } from './pitches.table.ts';

export const formatLabels: Record<PitchFormat, string> = {
  discussion: 'Discussion',
  'show-and-tell': 'Show and tell',
  workshop: 'Workshop',
  makers: 'Makers activity',
  other: 'Other',
};

export const needLabels: Record<PitchNeed, string> = {
  'step-free': 'Step-free room',
  projector: 'Projector or screen',
  'hearing-loop': 'Hearing loop',
  quiet: 'Quiet room',
};

/** The "needs" checkboxes: room features plus a double-length session, which is not a room feature. */
export const needChoices = [...roomFeatures, 'double-length'] as const;
export type NeedChoice = (typeof needChoices)[number];

export const needChoiceLabels: Record<NeedChoice, string> = { ...needLabels, 'double-length': 'Double length (two slots in a row)' };

/** What pitch templates call as `it.pl.*`. */
export const pitchLabels = {
  formatLabels,
  needLabels,
  needChoiceLabels,
  /** Needs as the public reads them, double length included. */
  needsText(pitch: { needs: PitchNeed[]; doubleLength: boolean }): string {
    const list = pitch.needs.map((n) => needLabels[n]);
    if (pitch.doubleLength) list.push('Double length');
    return list.join(', ');
  },
  /** "9:30am on Saturday 19 June 2027" in the camp's zone. */
  when: dateAndTime,
  /** The start of a description, for the board. */
  excerpt(text: string, max = 240): string {
    return text.length <= max ? text : `${text.slice(0, max).replace(/\s+\S*$/, '')}…`;
  },
};

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/open.ts';
import { addDay } from '../../src/events/days.ts';
import { changeEventStatus, createEvent, type CampEvent } from '../../src/events/events.ts';
import { inviteOrganiser } from '../../src/events/organisers.ts';
import { isVisibleTo, publicEventById, publicEventBySlug, visibleEvent } from '../../src/events/visibility.ts';
import { NotFound } from '../../src/rules.ts';
import { campDetails } from '../helpers/factories.ts';
import { freshDatabase, testNow } from '../helpers/app.ts';
import { person } from '../helpers/people.ts';

/** One rule, used by every public page, form and feed: a draft exists only for its own team. */
describe('who can see an event', () => {
  let db: Database;
  let draft: CampEvent;
  beforeEach(() => {
    db = freshDatabase().db;
    const ana = person(db, 'ana@example.org', { administrator: true });
    draft = createEvent(db, testNow, campDetails(), ana.id);
    inviteOrganiser(db, testNow, { event: draft, email: 'helper@example.org', role: 'helper', invitedBy: ana, baseUrl: '' });
  });
  afterEach(() => db.$client.close());

  it('shows a draft to its team, even a helper, and to no one else', () => {
    expect(isVisibleTo(db, draft, person(db, 'helper@example.org'))).toBe(true);
    expect(visibleEvent(db, draft.slug, person(db, 'helper@example.org')).id).toBe(draft.id);
    expect(isVisibleTo(db, draft, null)).toBe(false);
    expect(() => visibleEvent(db, draft.slug, null)).toThrow(NotFound);
    expect(() => visibleEvent(db, draft.slug, person(db, 'stranger@example.org'))).toThrow(NotFound);
  });

  it('keeps a draft out of the feeds, which serve no one in particular', () => {
    expect(publicEventBySlug(db, draft.slug)).toBeNull();
    expect(publicEventById(db, draft.id)).toBeNull();
  });

  it('shows a published event to everyone, feeds included', () => {
    addDay(db, draft.id, draft.timeZone, { date: '2027-06-19', label: '', opens: '09:00', closes: '17:00' });
    changeEventStatus(db, testNow, draft.id, 'published');
    expect(visibleEvent(db, draft.slug, null).id).toBe(draft.id);
    expect(publicEventBySlug(db, draft.slug)?.id).toBe(draft.id);
    expect(publicEventById(db, draft.id)?.id).toBe(draft.id);
  });

  it('answers an address no event has with NotFound', () => {
    expect(() => visibleEvent(db, 'no-such-camp', null)).toThrow(NotFound);
    expect(publicEventBySlug(db, 'no-such-camp')).toBeNull();
  });
});

import { eq } from 'drizzle-orm';
import { beforeAll, afterAll, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../../src/clock.ts';
import { openDatabase, type Database } from '../../src/db/open.ts';
import { demoSlug, seedDemoCamp } from '../../src/demo/seed.ts';
import { findEventBySlug, type CampEvent } from '../../src/events/events.ts';
import { removeRoom } from '../../src/events/rooms.ts';
import { lastChange, placePitch, setPinned, StaleGrid, swapPitches, undoLastChange, unschedulePitch } from '../../src/grid/editor.ts';
import { editorRows } from '../../src/grid/editor-rows.ts';
import { gridPlacements } from '../../src/grid/grid.table.ts';
import { loadGrid, type GridModel } from '../../src/grid/model.ts';
import { applyProposal, proposeGrid } from '../../src/grid/plan.ts';
import { describeChange } from '../../src/grid/change-wording.ts';
import { latestPublished } from '../../src/grid/published-versions.ts';
import { publishGrid } from '../../src/grid/publish.ts';
import { mergePitch } from '../../src/pitches/moderation.ts';
import { gridHealth } from '../../src/grid/warnings.ts';
import { findPersonByEmail } from '../../src/people/people.ts';
import { pitchSettingsOf } from '../../src/pitches/settings.ts';
import { RuleViolation } from '../../src/rules.ts';
import { freshDatabase, testNow } from '../helpers/app.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { violation } from '../helpers/rules.ts';
import { demoWithoutGrid } from '../helpers/demo-template.ts';


// Seeding the demo camp takes a second or two: do it once and copy the file for each test.
let template: string;
beforeAll(() => {
  template = demoWithoutGrid();
});

describe('the grid editor', () => {
  let db: Database;
  let event: CampEvent;
  let clock: FixedClock;
  const model = (): GridModel => loadGrid(db, event);
  beforeEach(() => {
    const path = join(mkdtempSync(join(tmpdir(), 'campgrid-grid-')), 'grid.db');
    copyFileSync(template, path);
    db = openDatabase(path);
    event = findEventBySlug(db, demoSlug)!;
    clock = new FixedClock(testNow);
  });
  afterAll(() => db?.$client.close());

  const campDay = () => model().days[1]!;
  const pitchIds = () => [...model().pitches.values()].filter((p) => (p.session.length ?? 1) === 1 && !(p.session.needs ?? []).length).map((p) => p.id);
  const roomIds = () => model().rooms.map((r) => r.id);

  it('places a session, moves it, and refuses a place that is taken, naming what is there', () => {
    const [a, b] = pitchIds();
    const [hall, chamber] = roomIds();
    const [first, second] = campDay().slots;
    placePitch(db, clock.now(), event, 0, { pitchId: a!, roomId: hall!, slotId: first!.id });
    placePitch(db, clock.now(), event, 1, { pitchId: a!, roomId: chamber!, slotId: second!.id });
    expect(model().placements.map((p) => [p.pitchId, p.roomId, p.slotId])).toEqual([[a, chamber, second!.id]]);
    const title = model().pitches.get(a!)!.title;
    expect(violation(() => placePitch(db, clock.now(), event, 2, { pitchId: b!, roomId: chamber!, slotId: second!.id }))).toEqual({
      slotId: `Council chamber at 11:15am already has “${title}”; move it first or swap them`,
    });
  });

  it('refuses an edit made on a version someone else has changed, and changes nothing', () => {
    const [a, b] = pitchIds();
    const [hall] = roomIds();
    const [first, second] = campDay().slots;
    placePitch(db, clock.now(), event, 0, { pitchId: a!, roomId: hall!, slotId: first!.id });
    // A second organiser, still looking at version 0, tries to put another session there.
    expect(() => placePitch(db, clock.now(), event, 0, { pitchId: b!, roomId: hall!, slotId: second!.id })).toThrow(StaleGrid);
    expect(model().placements).toHaveLength(1);
    expect(model().version).toBe(1);
  });

  it('keeps double sessions in two adjacent slots, and refuses one that would run past lunch', () => {
    const double = [...model().pitches.values()].find((p) => p.session.length === 2)!;
    const slots = campDay().slots;
    const [hall] = roomIds();
    // Slot 2 ends at 12:00; the next session slot is after lunch, too far away to continue in.
    expect(violation(() => placePitch(db, clock.now(), event, 0, { pitchId: double.id, roomId: hall!, slotId: slots[1]!.id }))).toEqual({
      slotId: `“${double.title}” is a double session and needs the next slot in the same room too`,
    });
    placePitch(db, clock.now(), event, 0, { pitchId: double.id, roomId: hall!, slotId: slots[2]!.id });
    const single = pitchIds()[0]!;
    expect(() => placePitch(db, clock.now(), event, 1, { pitchId: single, roomId: hall!, slotId: slots[3]!.id })).toThrow(RuleViolation);
  });

  it('lays a day out for the editor: a session where it starts, “continues” where a double runs on, warnings by name', () => {
    const double = [...model().pitches.values()].find((p) => p.session.length === 2)!;
    const popular = [...model().pitches.values()].filter((p) => p.id !== double.id).sort((x, y) => y.expected - x.expected)[0]!;
    const slots = campDay().slots;
    const [hall] = roomIds();
    const garden = model().rooms.find((r) => r.name === 'Garden room')!;
    placePitch(db, clock.now(), event, 0, { pitchId: double.id, roomId: hall!, slotId: slots[2]!.id });
    placePitch(db, clock.now(), event, 1, { pitchId: popular.id, roomId: garden.id, slotId: slots[0]!.id });
    const m = model();
    const rows = editorRows(m, campDay(), gridHealth(m));
    expect(rows.map((r) => r.slot.id)).toEqual(slots.map((s) => s.id));
    const cell = (slotIndex: number, roomId: number) => rows[slotIndex]!.cells.find((c) => c.room.id === roomId)!;
    expect(cell(2, hall!).session).toMatchObject({ pitch: { id: double.id }, double: true, warnings: [] });
    expect(cell(3, hall!)).toMatchObject({ session: null, continues: true });
    expect(cell(4, hall!)).toMatchObject({ session: null, continues: false });
    // The popular session also needs something the garden room lacks: both warnings, by name.
    expect(cell(0, garden.id).session).toMatchObject({ pitch: { id: popular.id }, double: false, warnings: ['Needs not met', 'Over capacity'] });
    expect(rows[0]!.cells.map((c) => c.room.id)).toEqual(m.rooms.map((r) => r.id));
  });

  it('swaps two sessions, takes one off, and undoes the last change', () => {
    const [a, b] = pitchIds();
    const [hall, chamber] = roomIds();
    const [first] = campDay().slots;
    placePitch(db, clock.now(), event, 0, { pitchId: a!, roomId: hall!, slotId: first!.id });
    placePitch(db, clock.now(), event, 1, { pitchId: b!, roomId: chamber!, slotId: first!.id });
    swapPitches(db, clock.now(), event, 2, { pitchId: a!, otherPitchId: b! });
    const where = () => Object.fromEntries(model().placements.map((p) => [p.pitchId, p.roomId]));
    expect(where()).toEqual({ [a!]: chamber, [b!]: hall });
    unschedulePitch(db, clock.now(), event, 3, a!);
    expect(model().placements.map((p) => p.pitchId)).toEqual([b]);
    // What the editor's Undo button offers: the last change, and the grid as it was before it.
    expect(lastChange(db, event.id)).toMatchObject({ description: 'take a session off the grid', placements: expect.arrayContaining([expect.objectContaining({ pitchId: a, roomId: chamber })]) });
    expect(undoLastChange(db, clock.now(), event, 4)).toBe('take a session off the grid');
    expect(where()).toEqual({ [a!]: chamber, [b!]: hall });
    expect(lastChange(db, event.id)).toBeNull();
    expect(violation(() => undoLastChange(db, clock.now(), event, 5))).toEqual({ undo: 'There is nothing to undo' });
  });

  it('pins a session where it is; a pinned session neither moves nor comes off; a pin that breaks a need is refused', () => {
    const needsStepFree = [...model().pitches.values()].find((p) => p.session.needs?.includes('step-free') && (p.session.length ?? 1) === 1);
    const mezzanine = model().rooms.find((r) => r.name === 'Mezzanine')!;
    const [first, second] = campDay().slots;
    const a = pitchIds()[0]!;
    placePitch(db, clock.now(), event, 0, { pitchId: a, roomId: roomIds()[0]!, slotId: first!.id });
    setPinned(db, clock.now(), event, 1, a, true);
    expect(violation(() => placePitch(db, clock.now(), event, 2, { pitchId: a, roomId: roomIds()[1]!, slotId: first!.id }))).toEqual({
      pitchId: `“${model().pitches.get(a)!.title}” is pinned; unpin it before moving it`,
    });
    expect(() => unschedulePitch(db, clock.now(), event, 2, a)).toThrow(RuleViolation);
    if (needsStepFree) {
      placePitch(db, clock.now(), event, 2, { pitchId: needsStepFree.id, roomId: mezzanine.id, slotId: second!.id });
      expect(gridHealth(model()).warnings.filter((w) => w.pitchId === needsStepFree.id).map((w) => w.kind)).toContain('needs');
      expect(violation(() => setPinned(db, clock.now(), event, 3, needsStepFree.id, true))).toEqual({ pitchId: 'It cannot be pinned there: the room does not have what the session needs' });
    }
  });

  it('warns of a room too small for its expected audience and counts who misses something in each slot', () => {
    const popular = [...model().pitches.values()].sort((x, y) => y.expected - x.expected)[0]!;
    const garden = model().rooms.find((r) => r.name === 'Garden room')!;
    const [first] = campDay().slots;
    placePitch(db, clock.now(), event, 0, { pitchId: popular.id, roomId: garden.id, slotId: first!.id });
    const health = gridHealth(model());
    expect(health.warnings).toContainEqual({ pitchId: popular.id, kind: 'over-capacity', message: `“${popular.title}” expects ${popular.expected} people but Garden room holds 15` });
    const second = [...model().pitches.values()].sort((x, y) => y.expected - x.expected)[1]!;
    placePitch(db, clock.now(), event, 1, { pitchId: second.id, roomId: roomIds()[0]!, slotId: first!.id });
    expect(gridHealth(model()).missesBySlot.get(first!.id)).toBeGreaterThan(0);
  });

  it('runs the scheduler on the whole draft, keeping pins, and applies the proposal as one undoable change', () => {
    const a = pitchIds()[0]!;
    const [first] = campDay().slots;
    placePitch(db, clock.now(), event, 0, { pitchId: a, roomId: roomIds()[3]!, slotId: first!.id });
    setPinned(db, clock.now(), event, 1, a, true);
    const proposal = proposeGrid(db, clock.now(), event, 2, 'replan', { timeLimitMs: 300 });
    expect(proposal.assignments.find((x) => x.pitchId === a)).toEqual({ pitchId: a, roomId: roomIds()[3], slotId: first!.id });
    expect(proposal.metrics.lowerBound).toBeLessThanOrEqual(proposal.metrics.score);
    applyProposal(db, clock.now(), event, 2);
    const placed = model().placements;
    expect(placed.length).toBe(proposal.assignments.length);
    expect(placed.find((p) => p.pitchId === a)!.pinned).toBe(true);
    expect(gridHealth(model()).warnings.filter((w) => w.kind !== 'over-capacity')).toEqual([]);
    undoLastChange(db, clock.now(), event, 3);
    expect(model().placements.map((p) => p.pitchId)).toEqual([a]);
  });

  it('fills only the gaps when asked, leaving every placed session where it is', () => {
    const [a] = pitchIds();
    const [first] = campDay().slots;
    placePitch(db, clock.now(), event, 0, { pitchId: a!, roomId: roomIds()[5]!, slotId: first!.id });
    const proposal = proposeGrid(db, clock.now(), event, 1, 'fill', { timeLimitMs: 300 });
    expect(proposal.assignments.find((x) => x.pitchId === a)).toEqual({ pitchId: a, roomId: roomIds()[5], slotId: first!.id });
    expect(proposal.assignments.length).toBeGreaterThan(30);
  });

  it('will not apply a proposal made on an older version', () => {
    proposeGrid(db, clock.now(), event, 0, 'replan', { timeLimitMs: 200 });
    placePitch(db, clock.now(), event, 0, { pitchId: pitchIds()[0]!, roomId: roomIds()[0]!, slotId: campDay().slots[0]!.id });
    expect(() => applyProposal(db, clock.now(), event, 1)).toThrow(RuleViolation);
  });

  describe('publishing', () => {
    const organiser = () => findPersonByEmail(db, 'organiser@demo.campgrid.example')!;

    it('re-plans after a published room is removed: its sessions are forced moves and the rest stays', () => {
      // Iterations, not a time limit, so a loaded machine gives the same grids.
      const budget = { iterations: 40_000, timeLimitMs: 60_000 };
      proposeGrid(db, clock.now(), event, 0, 'replan', budget);
      applyProposal(db, clock.now(), event, 0);
      publishGrid(db, clock.now(), { event, version: 1, note: 'First grid', by: organiser(), baseUrl: 'http://campgrid.test' });
      const lost = roomIds()[2]!;
      const published = model().placements;
      const forced = published.filter((p) => p.roomId === lost).length;
      expect(forced).toBeGreaterThan(0);
      removeRoom(db, event.id, lost);
      const proposal = proposeGrid(db, clock.now(), event, model().version, 'replan', budget);
      expect(proposal.assignments.some((a) => a.roomId === lost)).toBe(false);
      expect(proposal.metrics.moves).toBeGreaterThanOrEqual(forced);
      expect(proposal.metrics.lowerBound).toBeGreaterThanOrEqual(5 * forced);
      // The rest of the published grid stays: at most three sessions move that did not have to.
      const now = new Map(proposal.assignments.map((a) => [a.pitchId, a]));
      const movedByChoice = published.filter((p) => p.roomId !== lost && (now.get(p.pitchId)?.roomId !== p.roomId || now.get(p.pitchId)?.slotId !== p.slotId));
      expect(movedByChoice.length).toBeLessThanOrEqual(3);
      expect(proposal.metrics.moves).toBeLessThanOrEqual(forced + 3);
      applyProposal(db, clock.now(), event, model().version);
      expect(model().placements.filter((p) => published.some((q) => q.pitchId === p.pitchId && q.roomId === p.roomId && q.slotId === p.slotId)).length).toBe(published.length - forced - movedByChoice.length);
    });

    it('numbers versions, logs what changed, keeps UIDs, raises SEQUENCE on a move and emails each person once', () => {
      proposeGrid(db, clock.now(), event, 0, 'replan', { timeLimitMs: 300 });
      applyProposal(db, clock.now(), event, 0);
      const before = outboxMessages(db).length;
      const v1 = publishGrid(db, clock.now(), { event, version: 1, note: 'First grid', by: organiser(), baseUrl: 'http://campgrid.test' });
      expect(v1.version).toBe(1);
      expect(v1.changes.every((c) => c.kind === 'added')).toBe(true);
      expect(v1.sessions.every((s) => s.sequence === 0 && !s.cancelled)).toBe(true);
      expect(pitchSettingsOf(db, event.id).changesNeedApproval).toBe(true);
      const emails = outboxMessages(db).slice(before);
      expect(emails.length).toBeGreaterThan(200);
      expect(new Set(emails.map((m) => m.toAddress)).size).toBe(emails.length);
      expect(emails[0]!.subject).toBe(`The grid for ${event.name} is published`);

      // Move one session to an empty room and slot, take another off, and publish again.
      const m = model();
      const [moved, removed] = m.placements.filter((p) => !p.pinned && (m.pitches.get(p.pitchId)!.session.length ?? 1) === 1);
      const taken = new Set(m.placements.map((p) => `${p.roomId}:${p.slotId}`));
      const free = m.days.flatMap((d) => d.slots).flatMap((s) => m.rooms.map((r) => ({ roomId: r.id, slotId: s.id }))).find((c) => !taken.has(`${c.roomId}:${c.slotId}`) && (m.pitches.get(moved!.pitchId)!.session.length ?? 1) === 1)!;
      placePitch(db, clock.now(), event, 1, { pitchId: moved!.pitchId, ...free });
      unschedulePitch(db, clock.now(), event, 2, removed!.pitchId);
      clock.advance(60_000);
      const mailsBefore = outboxMessages(db).length;
      const v2 = publishGrid(db, clock.now(), { event, version: 3, note: '', by: organiser(), baseUrl: 'http://campgrid.test' });
      expect(v2.version).toBe(2);
      expect(v2.changes.map((c) => [c.kind, c.pitchId]).sort()).toEqual([['cancelled', removed!.pitchId], ['moved', moved!.pitchId]].sort());
      const s = (g: typeof v1, id: number) => g.sessions.find((x) => x.pitchId === id)!;
      expect(s(v2, moved!.pitchId).sequence).toBe(1);
      expect(s(v2, moved!.pitchId).changedAt).toBe(clock.now().getTime());
      expect(s(v2, removed!.pitchId)).toMatchObject({ cancelled: true, sequence: 1 });
      const unchanged = v1.sessions.find((x) => x.pitchId !== moved!.pitchId && x.pitchId !== removed!.pitchId)!;
      expect(s(v2, unchanged.pitchId)).toEqual(unchanged);
      const changeMails = outboxMessages(db).slice(mailsBefore);
      expect(changeMails.length).toBeGreaterThan(0);
      expect(changeMails[0]!.subject).toBe(`The grid for ${event.name} has changed`);
      expect(changeMails.every((mail) => /Moved: |Cancelled: /.test(mail.textBody))).toBe(true);
      expect(latestPublished(db, event.id)!.version).toBe(2);
      // Publishing again with no change logs nothing and emails nobody.
      const quiet = outboxMessages(db).length;
      const v3 = publishGrid(db, clock.now(), { event, version: 3, note: 'No change', by: organiser(), baseUrl: 'http://campgrid.test' });
      expect(v3.changes).toEqual([]);
      expect(outboxMessages(db).length).toBe(quiet);
      expect(db.select().from(gridPlacements).where(eq(gridPlacements.eventId, event.id)).all().length).toBe(m.placements.length - 1);
    });

    it('takes a merged pitch off the draft and the published grid in one go, frees its cell, and tells the people of both pitches where the survivor runs', () => {
      const [a, b, c] = pitchIds();
      const [hall, chamber] = roomIds();
      const first = campDay().slots[0]!;
      placePitch(db, clock.now(), event, 0, { pitchId: a!, roomId: hall!, slotId: first.id });
      placePitch(db, clock.now(), event, 1, { pitchId: b!, roomId: chamber!, slotId: first.id });
      publishGrid(db, clock.now(), { event, version: 2, note: '', by: organiser(), baseUrl: 'http://campgrid.test' });
      const [aTitle, bTitle] = [model().pitches.get(a!)!.title, model().pitches.get(b!)!.title];
      const peopleOf = (pitchId: number) =>
        db.$client.prepare('select email from people where id in (select person_id from pitch_facilitators where pitch_id = ? and confirmed = 1 union select person_id from interest where pitch_id = ?)').all(pitchId, pitchId).map((r) => (r as { email: string }).email);
      const told = [...new Set([...peopleOf(a!), ...peopleOf(b!)])].sort();
      expect(told.length).toBeGreaterThan(1);
      clock.advance(60_000);
      const before = outboxMessages(db).length;

      mergePitch(db, clock.now(), { event, pitchId: a!, intoId: b!, baseUrl: 'http://campgrid.test' });

      expect(model().placements.map((p) => p.pitchId)).toEqual([b]);
      const published = latestPublished(db, event.id)!;
      expect(published.version).toBe(2);
      expect(published.sessions.find((s) => s.pitchId === a)).toMatchObject({ cancelled: true, sequence: 1 });
      expect(published.changes).toHaveLength(1);
      const line = describeChange(published.changes[0]!, event.timeZone);
      // The time's wording belongs to describeChange; here, what the line says and where it points.
      expect(line.startsWith(`Cancelled: “${aTitle}”, which was in Main hall, `)).toBe(true);
      expect(line).toContain(`: it has joined “${bTitle}”, Council chamber, `);
      const mails = outboxMessages(db).slice(before);
      expect(mails.map((m) => m.toAddress).sort()).toEqual(told);
      expect(mails.every((m) => m.textBody.includes(line))).toBe(true);

      // The cell is free for another session, and the database holds one session per cell whatever happens.
      placePitch(db, clock.now(), event, 3, { pitchId: c!, roomId: hall!, slotId: first.id });
      expect(() => db.insert(gridPlacements).values({ eventId: event.id, pitchId: pitchIds().at(-1)!, roomId: hall!, slotId: first.id, pinned: false }).run()).toThrow(/UNIQUE constraint failed: grid_placements.room_id, grid_placements.slot_id/);
      // Republishing does not cancel it a second time.
      const quiet = outboxMessages(db).length;
      const next = publishGrid(db, clock.now(), { event, version: 4, note: '', by: organiser(), baseUrl: 'http://campgrid.test' });
      expect(next.changes.map((ch) => [ch.kind, ch.pitchId])).toEqual([['added', c]]);
      expect(outboxMessages(db).slice(quiet).every((m) => !m.textBody.includes('Cancelled'))).toBe(true);
    });
  });
});

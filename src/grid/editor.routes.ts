import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { CampEvent } from '../events/events.ts';
import { hasRole } from '../events/organisers.ts';
import { clockTime } from '../events/local-time.ts';
import { NotFound, RuleViolation, type FieldErrors } from '../rules.ts';
import { formBody, parseForm } from '../web/forms.ts';
import { idParam, organising } from '../web/guards.ts';
import { lastChange, placePitch, setPinned, StaleGrid, swapPitches, undoLastChange, unschedulePitch } from './editor.ts';
import { pinForm, pitchActionForm, placeForm, proposeForm, publishForm, swapForm, versionForm } from './grid.forms.ts';
import { loadGrid, type GridModel } from './model.ts';
import { applyProposal, currentProposal, proposalChanges, proposeGrid } from './plan.ts';
import { latestPublished } from './published-versions.ts';
import { publishGrid } from './publish.ts';
import { gridHealth } from './warnings.ts';
import { editorRows } from './editor-rows.ts';

/** The grid editor: /organise/events/:slug/grid, for organisers and helpers; publishing is organisers'. */
export async function gridEditorRoutes(app: FastifyInstance): Promise<void> {
  const { db, clock, config, mail } = app.campgrid;
  const helper = { config: { minimumRole: 'helper' as const } };
  const base = (e: CampEvent) => `/organise/events/${e.slug}/grid`;

  const editorView = (request: FastifyRequest, model: GridModel, extra: Record<string, unknown> = {}) => {
    const { event, role } = organising(request);
    const query = request.query as Record<string, unknown>;
    const day = model.days.find((d) => d.date === query.day) ?? model.days[0];
    const proposal = currentProposal(db, event.id);
    const health = gridHealth(model);
    const placedIds = new Set(model.placements.map((p) => p.pitchId));
    return {
      title: `Grid for ${event.name}`,
      event,
      model,
      day,
      rows: day ? editorRows(model, day, health) : [],
      health,
      unscheduled: [...model.pitches.values()].filter((p) => !placedIds.has(p.id)).sort((a, b) => b.expected - a.expected || a.title.localeCompare(b.title)),
      proposal: proposal && proposal.basedOnVersion === model.version ? { ...proposal, changes: proposalChanges(model, proposal) } : null,
      published: latestPublished(db, event.id),
      canPublish: hasRole(role, 'organiser'),
      undo: lastChange(db, event.id),
      backLink: `/organise/events/${event.slug}`,
      done: query.done,
      ...extra,
    };
  };

  app.get('/grid', helper, async (request, reply) => {
    const { event } = organising(request);
    return reply.view('grid/editor.eta', editorView(request, loadGrid(db, event)));
  });

  app.get('/grid/sessions/:pitchId', helper, async (request, reply) => {
    const { event } = organising(request);
    const model = loadGrid(db, event);
    const pitch = model.pitches.get(idParam(request, 'pitchId'));
    if (!pitch) throw new NotFound();
    return reply.view('grid/session.eta', sessionView(model, pitch.id, {}));
  });

  const sessionView = (model: GridModel, pitchId: number, extra: Record<string, unknown>) => {
    const pitch = model.pitches.get(pitchId)!;
    const placement = model.placements.find((p) => p.pitchId === pitchId) ?? null;
    return {
      title: pitch.title,
      event: model.event,
      model,
      pitch,
      placement,
      warnings: gridHealth(model).warnings.filter((w) => w.pitchId === pitchId),
      others: model.placements.filter((p) => p.pitchId !== pitchId).map((p) => ({ id: p.pitchId, title: model.pitches.get(p.pitchId)!.title, room: model.rooms.find((r) => r.id === p.roomId)?.name ?? '', time: clockTime(model.slotById.get(p.slotId)!.startsAt, model.event.timeZone) })),
      values: placement ? { roomId: String(placement.roomId), slotId: String(placement.slotId) } : {},
      backLink: `${base(model.event)}?day=${model.days.find((d) => d.slots.some((s) => s.id === placement?.slotId))?.date ?? ''}`,
      ...extra,
    };
  };

  /**
   * Every edit: validate the form, act, and go back to the grid; a rule that says no re-renders
   * the page it came from; a stale version shows the grid as it is now.
   */
  const edit = <T>(path: string, schema: z.ZodType<T>, act: (event: CampEvent, value: T, request: FastifyRequest) => string | void, options: { minimumRole?: 'helper' | 'organiser'; fromSession?: boolean } = {}) =>
    app.post(path, { config: { minimumRole: options.minimumRole ?? 'helper' } }, async (request: FastifyRequest, reply: FastifyReply) => {
      const { event } = organising(request);
      const body = formBody(request.body);
      const parsed = parseForm(schema, body);
      const again = (errors: FieldErrors, status = 400) => {
        const model = loadGrid(db, event);
        const pitchId = Number(body.pitchId);
        if (options.fromSession && model.pitches.has(pitchId)) return reply.code(status).view('grid/session.eta', sessionView(model, pitchId, { errors, values: body }));
        return reply.code(status).view('grid/editor.eta', editorView(request, model, { errors, values: body }));
      };
      if (!parsed.ok) return again(parsed.errors);
      try {
        const done = act(event, parsed.value, request) ?? 'saved';
        mail.kick();
        const day = typeof body.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(body.day) ? `&day=${body.day}` : '';
        return reply.redirect(`${base(event)}?done=${done}${day}`, 303);
      } catch (error) {
        if (error instanceof StaleGrid) return again({ version: 'The grid changed while you were looking at it — here it is now. Check it, then make your change again.' }, 409);
        if (error instanceof RuleViolation) return again(error.errors);
        throw error;
      }
    });

  const now = () => clock.now();
  edit('/grid/place', placeForm, (event, v) => placePitch(db, now(), event, v.version, v), { fromSession: true });
  edit('/grid/swap', swapForm, (event, v) => swapPitches(db, now(), event, v.version, v), { fromSession: true });
  edit('/grid/unschedule', pitchActionForm, (event, v) => unschedulePitch(db, now(), event, v.version, v.pitchId), { fromSession: true });
  edit('/grid/pin', pinForm, (event, v) => setPinned(db, now(), event, v.version, v.pitchId, v.pinned), { fromSession: true });
  edit('/grid/undo', versionForm, (event, v) => {
    undoLastChange(db, now(), event, v.version);
    return 'undone';
  });
  edit('/grid/propose', proposeForm, (event, v) => {
    proposeGrid(db, now(), event, v.version, v.mode);
    return 'proposed';
  });
  edit('/grid/apply', versionForm, (event, v) => {
    applyProposal(db, now(), event, v.version);
    return 'applied';
  });
  edit(
    '/grid/publish',
    publishForm,
    (event, v, request) => {
      publishGrid(db, now(), { event, version: v.version, note: v.note, by: request.person!, baseUrl: config.baseUrl });
      return 'published';
    },
    { minimumRole: 'organiser' },
  );
}

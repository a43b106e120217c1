import { NotFound } from '../rules.ts';
import { formBody, submitForm } from '../web/forms.ts';
import { organising } from '../web/guards.ts';
import { id, slugParams, type TypedApp } from '../web/input.ts';
import { roomForm } from './event.forms.ts';
import type { CampEvent } from './events.ts';
import { addRoom, findRoom, removeRoom, updateRoom } from './rooms.ts';

/** Adding, changing and removing rooms. */
export async function roomRoutes(app: TypedApp): Promise<void> {
  const { db } = app.campgrid;
  const roomAddress = { params: slugParams.extend({ roomId: id }) };
  const base = (e: CampEvent) => `/organise/events/${e.slug}`;

  const newView = (event: CampEvent) => ({ title: 'Add a room', event, mode: 'new', backLink: base(event) });
  app.get('/rooms/new', async (request, reply) => {
    const { event } = organising(request);
    return reply.view('organise/room-form.eta', { ...newView(event), values: { features: [] } });
  });
  app.post('/rooms/new', async (request, reply) => {
    const { event } = organising(request);
    return submitForm(reply, {
      schema: roomForm,
      body: formBody(request.body),
      view: 'organise/room-form.eta',
      viewData: newView(event),
      act: (details) => {
        addRoom(db, event.id, details);
        return `${base(event)}?done=room-added#rooms`;
      },
    });
  });

  const roomOf = (event: CampEvent, roomId: number) => {
    const room = findRoom(db, event.id, roomId);
    if (!room) throw new NotFound();
    return room;
  };
  app.get('/rooms/:roomId/edit', { schema: roomAddress }, async (request, reply) => {
    const { event } = organising(request);
    const room = roomOf(event, request.params.roomId);
    return reply.view('organise/room-form.eta', {
      title: `Change ${room.name}`,
      event,
      mode: 'edit',
      backLink: base(event),
      values: { name: room.name, capacity: String(room.capacity), features: room.features, notes: room.notes, displayOrder: String(room.displayOrder) },
    });
  });
  app.post('/rooms/:roomId/edit', { schema: roomAddress }, async (request, reply) => {
    const { event } = organising(request);
    const room = roomOf(event, request.params.roomId);
    return submitForm(reply, {
      schema: roomForm,
      body: formBody(request.body),
      view: 'organise/room-form.eta',
      viewData: { title: `Change ${room.name}`, event, mode: 'edit', backLink: base(event) },
      act: (details) => {
        updateRoom(db, event.id, room.id, details);
        return `${base(event)}?done=saved#rooms`;
      },
    });
  });
  app.get('/rooms/:roomId/remove', { schema: roomAddress }, async (request, reply) => {
    const { event } = organising(request);
    const room = roomOf(event, request.params.roomId);
    return reply.view('organise/confirm-remove.eta', { title: `Remove ${room.name}?`, warning: 'This cannot be undone.', button: 'Remove room', cancel: base(event) });
  });
  app.post('/rooms/:roomId/remove', { schema: roomAddress }, async (request, reply) => {
    const { event } = organising(request);
    removeRoom(db, event.id, roomOf(event, request.params.roomId).id);
    return reply.redirect(`${base(event)}?done=removed#rooms`, 303);
  });
}

import { linksFor } from './manage-links.ts';
import { z } from 'zod';
import type { CampEvent } from '../events/events.ts';
import { NotFound } from '../rules.ts';
import { formBody, optionalText, parseForm, submitAction, submitForm } from '../web/forms.ts';
import { organising } from '../web/guards.ts';
import { doneBanner, doneQuery, id, oneValue, slugParams, type TypedApp } from '../web/input.ts';
import { checkInDone, ticketDone } from './done-messages.ts';
import { acceptUploads, formWithUpload, uploadedText } from '../web/uploads.ts';
import { toCsv } from '../csv.ts';
import { findAtTheDoor, ticketDays, todayAt } from './check-in.ts';
import { importAttendees } from './import.ts';
import { needsOf, releasePlace, setCheckedIn, updateAttendeeDetails } from './manage.ts';
import { attendeeList, type AttendeeFilter, type AttendeeRow } from './organiser-view.ts';
import { firstCampFacts } from '../people/history.ts';
import { ticketTypesOf } from './ticket-types.ts';
import { attendeeDetailsForm, attendeeRoleLabels } from './ticket.forms.ts';
import { registrationStatuses, type RegistrationStatus } from './tickets.table.ts';
import { ticketContext } from './registrations.ts';

const maxImportBytes = 4 * 1_048_576;
const importForm = z.object({ csv: optionalText(maxImportBytes, 'That export is too large; split it into smaller files') });

const listQuery = z.object({ q: oneValue, ticket: oneValue, status: oneValue, unanswered: oneValue, done: oneValue });

function filterFrom(query: Record<string, unknown>): AttendeeFilter {
  const text = (k: string) => (typeof query[k] === 'string' ? (query[k] as string).trim().slice(0, 100) : '');
  return {
    q: text('q') || undefined,
    ticketTypeId: /^\d{1,12}$/.test(text('ticket')) ? Number(text('ticket')) : undefined,
    status: (registrationStatuses as readonly string[]).includes(text('status')) ? (text('status') as RegistrationStatus) : undefined,
    unanswered: text('unanswered') === 'yes' || undefined,
  };
}

/** The attendee list: search, filters, each registration, CSV export and import. Organisers only. */
export async function attendeeRoutes(app: TypedApp): Promise<void> {
  const { db, clock, config, mail } = app.campgrid;
  const registrationAddress = { params: slugParams.extend({ registrationId: id }) };
  const links = linksFor(config);
  const base = (e: CampEvent) => `/organise/events/${e.slug}/attendees`;
  // What they said and, where the site has earlier camps, what its check-ins say.
  const firstCampOfRows = (event: CampEvent, rows: AttendeeRow[]) => {
    const facts = firstCampFacts(db, event.id, rows.map((r) => r.registration.personId));
    return (r: AttendeeRow) => facts(r.registration.personId, r.registration.importedFrom ? null : r.registration.firstCamp);
  };

  app.get('/attendees', { schema: { querystring: listQuery } }, async (request, reply) => {
    const { event } = organising(request);
    const query = request.query;
    const filter = filterFrom(query);
    const rows = attendeeList(db, event.id, filter);
    return reply.view('tickets/organise/attendees.eta', {
      title: `Attendees of ${event.name}`,
      event,
      filter,
      rows,
      firstCamp: firstCampOfRows(event, rows),
      types: ticketTypesOf(db, event.id),
      values: { q: filter.q ?? '', ticket: filter.ticketTypeId ? String(filter.ticketTypeId) : '', status: filter.status ?? '', unanswered: filter.unanswered ? 'yes' : '' },
      done: doneBanner(ticketDone, query.done),
      backLink: `/organise/events/${event.slug}`,
    });
  });

  app.get('/attendees.csv', { schema: { querystring: listQuery } }, async (request, reply) => {
    const { event } = organising(request);
    const rows = attendeeList(db, event.id, filterFrom(request.query), 100_000);
    const firstCamp = firstCampOfRows(event, rows);
    const iso = (t: number | null) => (t === null ? '' : new Date(t).toISOString());
    const csv = toCsv([
      ['Name', 'Email', 'Organisation', 'Role', 'Ticket', 'Status', 'First camp', 'No photos', 'Access needs', 'Dietary needs', 'Registered', 'Checked in', 'First camp here (from check-ins)'],
      ...rows.map((r) => [
        r.registration.name,
        r.email,
        r.registration.organisation,
        attendeeRoleLabels[r.registration.role],
        r.ticketType,
        r.registration.status,
        r.registration.firstCamp ? 'yes' : 'no',
        r.registration.noPhotos ? 'yes' : 'no',
        r.accessNeeds ?? '',
        r.dietaryNeeds ?? '',
        iso(r.registration.createdAt),
        iso(r.registration.checkedInAt),
        ((fact) => (fact.firstHere === null ? 'not known' : fact.firstHere ? 'yes' : `no: ${fact.earlier.map((c) => c.name).join('; ')}`))(firstCamp(r)),
      ]),
    ]);
    return reply
      .header('content-disposition', `attachment; filename="${event.slug}-attendees.csv"`)
      .header('cache-control', 'no-store')
      .type('text/csv; charset=utf-8')
      .send(csv);
  });

  const importView = (event: CampEvent) => ({ title: 'Import attendees', event, backLink: base(event) });
  app.get('/attendees/import', async (request, reply) => reply.view('tickets/organise/import.eta', importView(organising(request).event)));
  // The export comes as a file (as Eventbrite gives it) or pasted; the form takes either. Its
  // multipart body is bounded by acceptUploads: the file, the pasted text and the token.
  app.register(async (uploads) => {
    await acceptUploads(uploads, { maxFileBytes: maxImportBytes, maxFieldBytes: maxImportBytes, maxFields: 3 });
    // A pasted export can also arrive urlencoded (the form without its file box, or a script).
    uploads.post('/attendees/import', { bodyLimit: maxImportBytes + 65_536 }, async (request, reply) => {
      const { event } = organising(request);
      const { fields, upload, cutShort } = formWithUpload(request.body, 'csvFile');
      const again = (errors: Record<string, string>) => reply.code(400).view('tickets/organise/import.eta', { ...importView(event), values: { csv: fields.csv }, errors });
      const parsed = parseForm(importForm, fields);
      if (!parsed.ok) return again(parsed.errors);
      if (upload?.truncated) return again({ csvFile: 'That file is larger than 4 MB; split it into smaller files' });
      if (cutShort.includes('csv')) return again({ csv: 'That export is too large; split it into smaller files' });
      const csv = upload ? uploadedText(upload.data) : parsed.value.csv;
      if (csv.trim() === '') return again({ csvFile: upload ? 'That file is empty' : 'Choose the CSV file of the export, or paste its contents' });
      // The report is the answer: what came in and which rows did not, row by row.
      const report = importAttendees(db, clock.now(), event, csv);
      return reply.view('tickets/organise/import.eta', { ...importView(event), report });
    });
  });

  const registrationOf = (event: CampEvent, id: number) => {
    const ticket = (() => {
      try {
        return ticketContext(db, id);
      } catch {
        return undefined;
      }
    })();
    if (!ticket || ticket.event.id !== event.id) throw new NotFound();
    return ticket;
  };
  const detailView = (event: CampEvent, id: number) => {
    const ticket = registrationOf(event, id);
    const r = ticket.registration;
    const firstCamp = firstCampFacts(db, event.id, [r.personId])(r.personId, r.importedFrom ? null : r.firstCamp);
    return { title: r.name, event, ticket, firstCamp, needs: needsOf(db, id), base: `${base(event)}/${id}`, backLink: base(event) };
  };
  app.get('/attendees/:registrationId', { schema: { ...registrationAddress, querystring: doneQuery } }, async (request, reply) => {
    const { event } = organising(request);
    const view = detailView(event, request.params.registrationId);
    const r = view.ticket.registration;
    return reply.view('tickets/organise/attendee.eta', {
      ...view,
      values: { name: r.name, organisation: r.organisation, role: r.role, firstCamp: r.firstCamp ? 'yes' : 'no', noPhotos: r.noPhotos ? 'yes' : '', showOnAttendeeList: r.showOnAttendeeList ? 'yes' : '', ...view.needs },
      done: doneBanner(ticketDone, request.query.done),
    });
  });
  app.post('/attendees/:registrationId', { schema: registrationAddress }, async (request, reply) => {
    const { event } = organising(request);
    const id = request.params.registrationId;
    return submitForm(reply, {
      schema: attendeeDetailsForm,
      body: formBody(request.body),
      view: 'tickets/organise/attendee.eta',
      viewData: detailView(event, id),
      act: (details) => {
        updateAttendeeDetails(db, clock.now(), id, details);
        return `${base(event)}/${id}?done=saved`;
      },
    });
  });
  app.post('/attendees/:registrationId/cancel', { schema: registrationAddress }, async (request, reply) => {
    const { event } = organising(request);
    const id = request.params.registrationId;
    const view = detailView(event, id);
    const result = await submitAction(reply, {
      view: 'tickets/organise/attendee.eta',
      viewData: view,
      act: () => {
        releasePlace(db, clock.now(), links, id, 'cancelled by organiser');
        return `${base(event)}?done=cancelled`;
      },
    });
    mail.kick();
    return result;
  });

  // Check-in: helpers work the door, on a phone, without JavaScript.
  const checkInPath = (e: CampEvent) => `/organise/events/${e.slug}/check-in`;
  const checkInView = (event: CampEvent, q: string) => ({ title: 'Check-in', event, q, people: q ? findAtTheDoor(db, event, q, clock.now()) : [], values: { q } });
  const checkInQuery = z.object({ q: oneValue, done: oneValue, name: oneValue });
  app.get('/check-in', { schema: { querystring: checkInQuery }, config: { minimumRole: 'helper' } }, async (request, reply) => {
    const { event } = organising(request);
    const query = request.query;
    const q = (query.q ?? '').trim().slice(0, 100);
    return reply.view('tickets/organise/check-in.eta', { ...checkInView(event, q), done: doneBanner(checkInDone(query.name ?? ''), query.done) });
  });
  // Checking in for a day that is not today is usually the wrong button: the door asks first.
  const anotherDayView = (event: CampEvent, id: number, q: string) => {
    const ticket = registrationOf(event, id);
    const { days } = ticketDays(db, event, ticket.type.dayIds, clock.now());
    return { title: `Check ${ticket.registration.name} in for another day?`, event, ticket, q, days, today: todayAt(event, clock.now()), backLink: `${checkInPath(event)}?q=${encodeURIComponent(q)}` };
  };
  app.get('/check-in/:registrationId/another-day', { schema: { ...registrationAddress, querystring: z.object({ q: oneValue }) }, config: { minimumRole: 'helper' } }, async (request, reply) => {
    const { event } = organising(request);
    const q = (request.query.q ?? '').slice(0, 100);
    return reply.view('tickets/organise/check-in-another-day.eta', anotherDayView(event, request.params.registrationId, q));
  });
  app.post('/check-in/:registrationId', { schema: registrationAddress, config: { minimumRole: 'helper' } }, async (request, reply) => {
    const { event } = organising(request);
    const id = request.params.registrationId;
    const ticket = registrationOf(event, id);
    const body = formBody(request.body);
    const q = typeof body.q === 'string' ? body.q.slice(0, 100) : '';
    const checkedIn = body.want !== 'out';
    if (checkedIn && body.anotherDay !== 'yes' && !ticketDays(db, event, ticket.type.dayIds, clock.now()).today) {
      return reply.redirect(`${checkInPath(event)}/${id}/another-day?q=${encodeURIComponent(q)}`, 303);
    }
    return submitAction(reply, {
      view: 'tickets/organise/check-in.eta',
      viewData: checkInView(event, q),
      act: () => {
        setCheckedIn(db, clock.now(), id, checkedIn);
        return `${checkInPath(event)}?q=${encodeURIComponent(q)}&done=${checkedIn ? 'in' : 'out'}&name=${encodeURIComponent(ticket.registration.name)}`;
      },
    });
  });
}

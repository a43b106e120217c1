import { linksFor } from './manage-links.ts';
import { z } from 'zod';
import { oneValue, slugParams, type TypedApp } from '../web/input.ts';
import { publicEventBySlug, visibleEvent } from '../events/visibility.ts';
import { timetableOf } from '../events/timetable.ts';
import type { Person } from '../people/people.ts';
import { NotFound, RuleViolation } from '../rules.ts';
import { formBody, parseForm } from '../web/forms.ts';
import { WrongGuesses } from '../web/guesses.ts';
import { shownWith, ticketsOnOffer } from './availability.ts';
import { registerForTickets, type RegisterOutcome } from './register.ts';
import type { TicketType } from './registrations.ts';
import { findTicketType, ticketTypesOf } from './ticket-types.ts';
import { registrationForm } from './ticket.forms.ts';
import { councilNames } from '../organisations/names.ts';
import { groupCommit } from '../db/group-commit.ts';
import { readOncePerVersion } from '../web/data-version.ts';

const outcomes = new Set(['confirmed', 'waiting', 'entered', 'already-registered', 'check-email']);
const tooManyCodes = 'Too many access codes have been tried from here. Wait 10 minutes, then try again.';

/**
 * What the done page says: for one ticket its outcome, ticket and waiting-list position; for
 * several, one result each, like "12.confirmed" or "13.waiting.4".
 */
function doneQuery(results: Array<{ type: TicketType; outcome: RegisterOutcome }>): string {
  const position = (outcome: RegisterOutcome, sep: string) => (outcome.kind === 'waiting' ? `${sep}${outcome.position}` : '');
  if (results.length === 1) {
    const { type, outcome } = results[0]!;
    return `outcome=${outcome.kind}&ticket=${type.id}${position(outcome, '&position=')}`;
  }
  return results.map(({ type, outcome }) => `result=${type.id}.${outcome.kind}${position(outcome, '.')}`).join('&');
}

/** What the done page is told: one outcome and its tickets, or one result per ticket. */
const someValues = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : [v].flat()));
const doneAddress = z.object({ outcome: oneValue, ticket: someValues, position: oneValue, result: someValues, code: oneValue });

/** /events/:slug/register: registering for a place, joining a waiting list or entering a ballot. */
export async function registerRoutes(app: TypedApp): Promise<void> {
  const { db, clock, config, mail } = app.campgrid;
  const links = linksFor(config);
  const codeGuesses = new WrongGuesses(10, 10 * 60_000);
  // Registrations that arrive together are written in one commit, each checked on its own.
  const registerTogether = groupCommit(db);
  // Every registration of a rush reads the same event and ticket type: once per data version.
  const { dataVersion } = app.campgrid;
  const publicEvent = readOncePerVersion(dataVersion, (slug: string) => publicEventBySlug(db, slug));
  const typesOf = readOncePerVersion(dataVersion, (eventId: number) => ticketTypesOf(db, eventId));

  const page = (slug: string, person: Person | null, code: string | null) => {
    const event = visibleEvent(db, slug, person);
    return {
      title: `Register for ${event.name}`,
      event,
      offers: ticketsOnOffer(db, event.id, clock.now(), code),
      days: timetableOf(db, event.id).map((d) => d.day),
      councils: councilNames(db),
      backLink: `/events/${event.slug}`,
    };
  };

  /** The register page's data: the form starts on the one open ticket, and with a signed-in person's name and address. */
  const formPage = (slug: string, person: Person | null, code: string) => {
    const view = page(slug, person, code);
    const open = view.offers.filter((o) => o.state !== 'not-open' && o.state !== 'closed');
    return { ...view, values: { accessCode: code, ticketTypeId: open.length === 1 ? String(open[0]!.type.id) : '', email: person?.email ?? '', name: person?.name ?? '' } };
  };

  app.get('/events/:slug/register', { schema: { params: slugParams, querystring: z.object({ code: oneValue }) } }, async (request, reply) => {
    const { slug } = request.params;
    const person = request.person;
    let code = (request.query.code ?? '').slice(0, 100);
    // Without a session or a code, the page is everyone's: rendered once per change, each visitor's own token put in.
    if (!person && code === '') return app.campgrid.forms.serve(reply, `/events/${slug}/register`, () => ({ page: 'tickets/register.eta', data: formPage(slug, null, '') }));
    const guessedTooOften = code !== '' && codeGuesses.exhausted(request.ip, clock.now());
    if (guessedTooOften) code = '';
    const view = formPage(slug, person, code);
    if (code !== '' && !view.offers.some((o) => o.type.visibility === 'hidden')) codeGuesses.record(request.ip, clock.now());
    return reply.code(guessedTooOften ? 429 : 200).view('tickets/register.eta', { ...view, ...(guessedTooOften ? { errors: { accessCode: tooManyCodes } } : {}) });
  });

  app.post(
    '/events/:slug/register',
    { schema: { params: slugParams }, config: { rateLimit: { max: config.registrationsPerIpPerMinute, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const { slug } = request.params;
      const body = formBody(request.body);
      const parsed = parseForm(registrationForm, body);
      const again = (errors: Record<string, string>) =>
        reply.code(400).view('tickets/register.eta', { ...page(slug, request.person, typeof body.accessCode === 'string' ? body.accessCode : ''), values: body, errors });
      if (!parsed.ok) return again(parsed.errors);
      // Only what registering needs; the page's other parts are read if it has to be shown again.
      const person = request.person;
      const event = person ? visibleEvent(db, slug, person) : publicEvent(slug);
      if (!event) throw new NotFound();
      const types = parsed.value.ticketTypeId.map((id) => typesOf(event.id).find((type) => type.id === id));
      // A hidden type without its code is treated as no type at all: the form does not reveal it.
      for (const type of types) {
        if (type?.visibility !== 'hidden') continue;
        if (codeGuesses.exhausted(request.ip, clock.now())) return again({ accessCode: tooManyCodes });
        if (!shownWith(type, parsed.value.accessCode)) codeGuesses.record(request.ip, clock.now());
      }
      if (types.some((type) => !type || !shownWith(type, parsed.value.accessCode))) return again({ ticketTypeId: 'Choose a ticket' });
      try {
        const { ticketTypeId: _t, codeOfConduct: _c, accessCode, wantsBuddy, offersBuddy, shareEmailWithBuddy, ...attendee } = parsed.value;
        const details = { ...attendee, buddy: { role: wantsBuddy ? ('wants' as const) : offersBuddy ? ('offers' as const) : null, shareEmail: shareEmailWithBuddy } };
        const now = clock.now();
        const results = await registerTogether((tx) => registerForTickets(tx, now, links, { event, types: types as TicketType[], details, accessCode }));
        mail.kick();
        // Only the person themselves (signed in) is told the outcome here; anyone else is told to
        // check their email, so the answer never says whether an address was already registered.
        const own = request.person?.id === results[0]!.outcome.registration.personId;
        const code = types.some((type) => type!.visibility === 'hidden') ? `&code=${encodeURIComponent(accessCode ?? '')}` : '';
        const told = own ? doneQuery(results) : `outcome=check-email${results.map(({ type }) => `&ticket=${type.id}`).join('')}`;
        return reply.redirect(`/events/${event.slug}/register/done?${told}${code}`, 303);
      } catch (error) {
        if (error instanceof RuleViolation) return again(error.errors);
        throw error;
      }
    },
  );

  app.get('/events/:slug/register/done', { schema: { params: slugParams, querystring: doneAddress } }, async (request, reply) => {
    const event = visibleEvent(db, request.params.slug, request.person);
    const query = request.query;
    const text = (name: 'code' | 'outcome' | 'position') => query[name] ?? '';
    const list = (name: 'result' | 'ticket') => query[name].slice(0, 20);
    // A hidden ticket type is named only to someone who has its code.
    const shown = (id: string) => {
      const found = /^\d{1,12}$/.test(id) ? findTicketType(db, event.id, Number(id)) : undefined;
      return found && shownWith(found, text('code') || null) ? found : undefined;
    };
    if (query.result.length > 0) {
      const results = list('result').flatMap((result) => {
        const m = /^(\d{1,12})\.([a-z-]+)(?:\.(\d{1,6}))?$/.exec(result);
        const type = m && outcomes.has(m[2]!) ? shown(m[1]!) : undefined;
        return m && type ? [{ type, outcome: m[2]!, position: m[3] ? Number(m[3]) : null }] : [];
      });
      return reply.view('tickets/registered.eta', { title: 'Registration received', event, outcome: 'several', results });
    }
    const outcome = outcomes.has(text('outcome')) ? text('outcome') : 'check-email';
    const types = list('ticket').flatMap((id) => shown(id) ?? []);
    const type = types.length === 1 ? types[0] : undefined;
    const position = /^\d{1,6}$/.test(text('position')) ? Number(text('position')) : null;
    return reply.view('tickets/registered.eta', { title: 'Registration received', event, outcome, type, types, position });
  });
}

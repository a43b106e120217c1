import { linksFor } from './manage-links.ts';
import type { FastifyInstance } from 'fastify';
import { visibleEvent } from '../events/public.routes.ts';
import { timetableOf } from '../events/timetable.ts';
import type { Person } from '../people/people.ts';
import { RuleViolation } from '../rules.ts';
import { formBody, parseForm } from '../web/forms.ts';
import { WrongGuesses } from '../web/guesses.ts';
import { shownWith, ticketsOnOffer } from './availability.ts';
import { registerAttendee } from './register.ts';
import { findTicketType } from './ticket-types.ts';
import { registrationForm } from './ticket.forms.ts';

const outcomes = new Set(['confirmed', 'waiting', 'entered', 'already-registered', 'check-email']);
const tooManyCodes = 'Too many access codes have been tried from here. Wait 10 minutes, then try again.';

/** /events/:slug/register: registering for a place, joining a waiting list or entering a ballot. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  const { db, clock, config, mail } = app.campgrid;
  const links = linksFor(config);
  const codeGuesses = new WrongGuesses(10, 10 * 60_000);

  const page = (slug: string, person: Person | null, code: string | null) => {
    const event = visibleEvent(db, slug, person);
    return {
      title: `Register for ${event.name}`,
      event,
      offers: ticketsOnOffer(db, event.id, clock.now(), code),
      days: timetableOf(db, event.id).map((d) => d.day),
      backLink: `/events/${event.slug}`,
    };
  };

  app.get('/events/:slug/register', async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const query = request.query as Record<string, unknown>;
    let code = typeof query.code === 'string' ? query.code.slice(0, 100) : '';
    const guessedTooOften = code !== '' && codeGuesses.exhausted(request.ip, clock.now());
    if (guessedTooOften) code = '';
    const view = page(slug, request.person, code);
    if (code !== '' && !view.offers.some((o) => o.type.visibility === 'hidden')) codeGuesses.record(request.ip, clock.now());
    const open = view.offers.filter((o) => o.state !== 'not-open' && o.state !== 'closed');
    const person = request.person;
    return reply.code(guessedTooOften ? 429 : 200).view('tickets/register.eta', {
      ...view,
      ...(guessedTooOften ? { errors: { accessCode: tooManyCodes } } : {}),
      values: { accessCode: code, ticketTypeId: open.length === 1 ? String(open[0]!.type.id) : '', email: person?.email ?? '', name: person?.name ?? '' },
    });
  });

  app.post(
    '/events/:slug/register',
    { config: { rateLimit: { max: config.registrationsPerIpPerMinute, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const { slug } = request.params as { slug: string };
      const body = formBody(request.body);
      const parsed = parseForm(registrationForm, body);
      const again = (errors: Record<string, string>) =>
        reply.code(400).view('tickets/register.eta', { ...page(slug, request.person, typeof body.accessCode === 'string' ? body.accessCode : ''), values: body, errors });
      if (!parsed.ok) return again(parsed.errors);
      // Only what registering needs; the page's other parts are read if it has to be shown again.
      const event = visibleEvent(db, slug, request.person);
      const type = findTicketType(db, event.id, parsed.value.ticketTypeId);
      // A hidden type without its code is treated as no type at all: the form does not reveal it.
      if (type?.visibility === 'hidden') {
        if (codeGuesses.exhausted(request.ip, clock.now())) return again({ accessCode: tooManyCodes });
        if (!shownWith(type, parsed.value.accessCode)) codeGuesses.record(request.ip, clock.now());
      }
      if (!type || !shownWith(type, parsed.value.accessCode)) return again({ ticketTypeId: 'Choose a ticket' });
      try {
        const { ticketTypeId: _t, codeOfConduct: _c, accessCode, ...details } = parsed.value;
        const outcome = registerAttendee(db, clock.now(), links, { event, type, details, accessCode });
        mail.kick();
        // Only the person themselves (signed in) is told the outcome here; anyone else is told to
        // check their email, so the answer never says whether an address was already registered.
        const own = request.person?.id === outcome.registration.personId;
        const position = own && outcome.kind === 'waiting' ? `&position=${outcome.position}` : '';
        const code = type.visibility === 'hidden' ? `&code=${encodeURIComponent(accessCode ?? '')}` : '';
        return reply.redirect(`/events/${event.slug}/register/done?outcome=${own ? outcome.kind : 'check-email'}&ticket=${type.id}${code}${position}`, 303);
      } catch (error) {
        if (error instanceof RuleViolation) return again(error.errors);
        throw error;
      }
    },
  );

  app.get('/events/:slug/register/done', async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const event = visibleEvent(db, slug, request.person);
    const query = request.query as Record<string, string | undefined>;
    const outcome = outcomes.has(query.outcome ?? '') ? query.outcome : 'check-email';
    const found = /^\d+$/.test(query.ticket ?? '') ? findTicketType(db, event.id, Number(query.ticket)) : undefined;
    // A hidden ticket type is named only to someone who has its code.
    const type = found && shownWith(found, query.code ?? null) ? found : undefined;
    const position = /^\d{1,6}$/.test(query.position ?? '') ? Number(query.position) : null;
    return reply.view('tickets/registered.eta', { title: 'Registration received', event, outcome, type, position });
  });
}

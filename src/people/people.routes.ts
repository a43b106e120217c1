import { linksFor } from '../tickets/manage-links.ts';
import { z } from 'zod';
import { eventsOrganisedBy } from '../events/organisers.ts';
import { sponsorshipsOf } from '../sponsors/sponsors.ts';
import { formBody, optionalText, parseForm, requiredText } from '../web/forms.ts';
import { requireSignedIn } from '../web/guards.ts';
import { doneBanner, doneQuery, oneValue, tokenParams, type TypedApp } from '../web/input.ts';
import { meDone } from './done-messages.ts';
import { sessionCookie, setSessionCookie, signOut } from '../web/sessions.ts';
import { pitchesOf } from '../pitches/own-pitches.ts';
import { placesOf } from '../tickets/me.ts';
import { agendasOf } from '../grid/agenda.ts';
import { personalFeedUrl } from '../calendar/links.ts';
import { feedTokenFor, replaceFeedKey } from '../calendar/personal-feeds.ts';
import { deletePersonalDetails, personalData } from '../tickets/privacy.ts';
import { updatePersonName } from './people.ts';
import { checkSignInLink, redeemSignInLink, requestSignInLink } from './sign-in.ts';
import { safeSameSitePath } from '../web/redirects.ts';

const emailField = z.preprocess(
  (v) => (Array.isArray(v) ? v[0] : v) ?? '',
  z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .max(254, 'Email address must be 254 characters or fewer')
    .pipe(z.email('Enter an email address in the correct format, like name@example.org')),
);

const signInForm = z.object({ email: emailField });
const setupForm = z.object({ email: emailField, name: requiredText('Enter your name', 100, 'Name must be 100 characters or fewer') });
const profileForm = z.object({ name: optionalText(100, 'Name must be 100 characters or fewer') });

const linkProblems = {
  unknown: 'This sign-in link is not valid. Check you copied the whole link from the email.',
  used: 'This sign-in link has already been used. Each link works once.',
  expired: 'This sign-in link has expired. Links work for 20 minutes.',
} as const;

/** Signing in by emailed link, signing out, and the person's own page. */
export async function peopleRoutes(app: TypedApp): Promise<void> {
  const { db, clock, config, mail } = app.campgrid;
  const links = linksFor(config);
  const mePage = (person: NonNullable<import('fastify').FastifyRequest['person']>) => ({
    title: 'Your account',
    organised: eventsOrganisedBy(db, person),
    places: placesOf(db, links, person.id),
    sponsorships: sponsorshipsOf(db, person),
    pitches: pitchesOf(db, person.id),
    agendas: agendasOf(db, person.id).map((agenda) => ({
      ...agenda,
      feedUrl: personalFeedUrl(config.baseUrl, feedTokenFor(db, clock.now(), config.sessionSecret, agenda.event.id, person.id)),
    })),
  });

  app.get('/sign-in', { schema: { querystring: z.object({ next: oneValue }) } }, async (request, reply) => {
    const next = safeSameSitePath(request.query.next);
    return reply.view('people/sign-in.eta', { title: 'Sign in', values: { next: next ?? '' } });
  });

  app.post(
    '/sign-in',
    { config: { rateLimit: { max: 20, timeWindow: '10 minutes' } } },
    async (request, reply) => {
      const body = formBody(request.body);
      const parsed = parseForm(signInForm, body);
      if (!parsed.ok) return reply.code(400).view('people/sign-in.eta', { title: 'Sign in', values: body, errors: parsed.errors });
      const outcome = requestSignInLink(db, clock, {
        email: parsed.value.email,
        baseUrl: config.baseUrl,
        ip: request.ip,
        next: safeSameSitePath(body.next),
        limits: config.rateLimits,
      });
      if (!outcome.ok) {
        return reply.code(429).view('people/sign-in.eta', {
          title: 'Sign in',
          values: body,
          errors: { email: 'Too many sign-in links have been asked for. Wait an hour, or use a link already sent.' },
        });
      }
      mail.kick();
      return reply.redirect('/sign-in/sent', 303);
    },
  );

  app.get('/sign-in/sent', async (_request, reply) => reply.view('people/sign-in-sent.eta', { title: 'Check your email' }));

  app.get('/sign-in/:token', { schema: { params: tokenParams } }, async (request, reply) => {
    const { token } = request.params;
    const check = checkSignInLink(db, clock, token);
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    if (!check.ok) return reply.code(check.reason === 'unknown' ? 404 : 410).view('people/sign-in-invalid.eta', { title: 'Sign-in link not valid', problem: linkProblems[check.reason] });
    // Email scanners follow links; only the button below (a POST) uses the link up.
    return reply.view('people/sign-in-confirm.eta', { title: 'Sign in', email: check.email, setup: check.email === '' });
  });

  app.post('/sign-in/:token', { schema: { params: tokenParams } }, async (request, reply) => {
    const { token } = request.params;
    const body = formBody(request.body);
    const check = checkSignInLink(db, clock, token);
    if (!check.ok) return reply.code(check.reason === 'unknown' ? 404 : 410).view('people/sign-in-invalid.eta', { title: 'Sign-in link not valid', problem: linkProblems[check.reason] });
    let given: { email: string; name: string } | undefined;
    if (check.email === '') {
      const parsed = parseForm(setupForm, body);
      if (!parsed.ok) return reply.code(400).view('people/sign-in-confirm.eta', { title: 'Sign in', email: '', setup: true, values: body, errors: parsed.errors });
      given = parsed.value;
    }
    const outcome = redeemSignInLink(db, clock, token, given);
    if (!outcome.ok) return reply.code(410).view('people/sign-in-invalid.eta', { title: 'Sign-in link not valid', problem: linkProblems[outcome.reason] });
    if (request.sessionToken) signOut(app, request.sessionToken, reply);
    setSessionCookie(reply, outcome.sessionToken, config.baseUrl);
    return reply.redirect(safeSameSitePath(outcome.next) ?? '/me', 303);
  });

  app.post('/sign-out', async (request, reply) => {
    signOut(app, request.sessionToken, reply);
    return reply.redirect('/', 303);
  });

  app.register(async (signedIn: TypedApp) => {
    signedIn.addHook('onRequest', requireSignedIn);

    signedIn.get('/me', { schema: { querystring: doneQuery } }, async (request, reply) => {
      const person = request.person!;
      return reply.view('people/me.eta', { ...mePage(person), values: { name: person.name }, done: doneBanner(meDone, request.query.done) });
    });

    signedIn.post('/me', async (request, reply) => {
      const person = request.person!;
      const body = formBody(request.body);
      const parsed = parseForm(profileForm, body);
      if (!parsed.ok) {
        return reply.code(400).view('people/me.eta', { ...mePage(person), values: body, errors: parsed.errors });
      }
      updatePersonName(db, person.id, parsed.value.name);
      return reply.redirect('/me?saved=1', 303);
    });

    signedIn.post('/me/calendar-feed/replace', async (request, reply) => {
      replaceFeedKey(db, clock.now(), request.person!.id);
      // The banner with the new address is where the page opens, on a phone too.
      return reply.redirect('/me?done=feed-replaced#feed-replaced', 303);
    });

    signedIn.get('/me/data.json', async (request, reply) => {
      reply.header('content-disposition', 'attachment; filename="campgrid-my-data.json"').header('cache-control', 'no-store');
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(personalData(db, request.person!), null, 2));
    });

    signedIn.get('/me/delete', async (_request, reply) => reply.view('people/delete.eta', { title: 'Delete your details' }));
    signedIn.post('/me/delete', async (request, reply) => {
      deletePersonalDetails(db, clock.now(), links, request.person!);
      mail.kick();
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.redirect('/deleted', 303);
    });
  });

  app.get('/deleted', async (_request, reply) => reply.view('people/deleted.eta', { title: 'Your details have been deleted' }));
}

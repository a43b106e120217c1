import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFound } from '../rules.ts';
import { hasStoppedAnnouncements, personForUnsubscribeToken, restartAnnouncements, stopAnnouncements } from './unsubscribe.ts';

const tokenParams = z.object({ token: z.string().regex(/^\d{1,12}-[A-Za-z0-9_-]{43}$/) });
const choice = z.object({ announcements: z.enum(['stop', 'start']) });

/**
 * The "stop announcements" link in every message to the people coming: a page that asks
 * first (mail scanners follow links; a GET changes nothing), and the button that stops them,
 * or starts them again. Only messages from organisers stop; transactional mail never does.
 */
export async function unsubscribeRoutes(app: FastifyInstance): Promise<void> {
  const { db, clock, config } = app.campgrid;
  const personOf = (request: FastifyRequest) => {
    const params = tokenParams.safeParse(request.params);
    const person = params.success ? personForUnsubscribeToken(db, config.sessionSecret, params.data.token) : undefined;
    if (!person) throw new NotFound();
    return { person, path: `/unsubscribe/${params.data!.token}` };
  };

  app.get('/unsubscribe/:token', async (request, reply) => {
    const { person, path } = personOf(request);
    reply.header('cache-control', 'no-store');
    return reply.view('messages/unsubscribe.eta', { title: 'Messages from camp organisers', path, stopped: hasStoppedAnnouncements(db, person) });
  });

  app.post('/unsubscribe/:token', async (request, reply) => {
    const { person, path } = personOf(request);
    const parsed = choice.safeParse(request.body);
    if (parsed.success && parsed.data.announcements === 'stop') stopAnnouncements(db, clock.now(), person);
    if (parsed.success && parsed.data.announcements === 'start') restartAnnouncements(db, person);
    return reply.redirect(path, 303);
  });
}

import { z } from 'zod';
import { NotFound } from '../rules.ts';
import { tokenParams, type TypedApp } from '../web/input.ts';
import { hasStoppedAnnouncements, personForUnsubscribeToken, restartAnnouncements, stopAnnouncements } from './unsubscribe.ts';

const choice = z.object({ announcements: z.enum(['stop', 'start']) });

/**
 * The "stop announcements" link in every message to the people coming: a page that asks
 * first (mail scanners follow links; a GET changes nothing), and the button that stops them,
 * or starts them again. Only messages from organisers stop; transactional mail never does.
 */
export async function unsubscribeRoutes(app: TypedApp): Promise<void> {
  const { db, clock, config } = app.campgrid;
  const personOf = (token: string) => {
    const person = personForUnsubscribeToken(db, config.sessionSecret, token);
    if (!person) throw new NotFound();
    return { person, path: `/unsubscribe/${token}` };
  };

  app.get('/unsubscribe/:token', { schema: { params: tokenParams } }, async (request, reply) => {
    const { person, path } = personOf(request.params.token);
    reply.header('cache-control', 'no-store');
    return reply.view('messages/unsubscribe.eta', { title: 'Messages from camp organisers', path, stopped: hasStoppedAnnouncements(db, person) });
  });

  app.post('/unsubscribe/:token', { schema: { params: tokenParams } }, async (request, reply) => {
    const { person, path } = personOf(request.params.token);
    const parsed = choice.safeParse(request.body);
    if (parsed.success && parsed.data.announcements === 'stop') stopAnnouncements(db, clock.now(), person);
    if (parsed.success && parsed.data.announcements === 'start') restartAnnouncements(db, person);
    return reply.redirect(path, 303);
  });
}

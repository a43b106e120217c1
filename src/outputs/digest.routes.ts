import { z } from 'zod';
import { publicEventById } from '../events/visibility.ts';
import { findPerson } from '../people/people.ts';
import { NotFound } from '../rules.ts';
import { tokenParams, type TypedApp } from '../web/input.ts';
import { digestStopTokenOwner, hasStoppedDigest, restartDigest, stopDigest } from './digest.ts';

const choice = z.object({ digest: z.enum(['stop', 'start']) });

/**
 * The link in a camp's digest email: a page that asks first (mail scanners follow links; a GET
 * changes nothing), and the button that stops that camp's digest for this person, or starts it again.
 */
export async function outputDigestRoutes(app: TypedApp): Promise<void> {
  const { db, clock, config } = app.campgrid;
  const ownerOf = (token: string) => {
    const owner = digestStopTokenOwner(config.sessionSecret, token);
    const event = owner ? publicEventById(db, owner.eventId) : null;
    if (!owner || !event || !findPerson(db, owner.personId)) throw new NotFound();
    return { ...owner, event, path: `/outputs/digest/${token}` };
  };

  app.get('/outputs/digest/:token', { schema: { params: tokenParams } }, async (request, reply) => {
    const { event, personId, path } = ownerOf(request.params.token);
    reply.header('cache-control', 'no-store');
    return reply.view('outputs/digest-stop.eta', { title: `Digest of ${event.name}`, event, path, stopped: hasStoppedDigest(db, event.id, personId) });
  });

  app.post('/outputs/digest/:token', { schema: { params: tokenParams } }, async (request, reply) => {
    const { event, personId, path } = ownerOf(request.params.token);
    const parsed = choice.safeParse(request.body);
    if (parsed.success && parsed.data.digest === 'stop') stopDigest(db, clock.now(), event.id, personId);
    if (parsed.success && parsed.data.digest === 'start') restartDigest(db, event.id, personId);
    return reply.redirect(path, 303);
  });
}

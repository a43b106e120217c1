import { z } from 'zod';
import { visibleEvent } from '../events/visibility.ts';
import { roleAt } from '../events/organisers.ts';
import { pitchAt } from '../pitches/pitches.ts';
import { Forbidden } from '../rules.ts';
import { isRegisteredFor } from '../tickets/registrations.ts';
import { formBody, parseForm, requiredText } from '../web/forms.ts';
import { requireSignedIn } from '../web/guards.ts';
import { id, slugParams, type TypedApp } from '../web/input.ts';
import { RuleViolation } from '../rules.ts';
import { addSessionNote, publishedSessionOf, removeSessionNote } from './notes.ts';
import { latestPublished } from './published-versions.ts';

const noteForm = z.object({
  title: requiredText('Enter what the link is, like “Slides” or “Our notes”', 120, 'The title must be 120 characters or fewer'),
  url: requiredText('Enter the web address', 500, 'The web address must be 500 characters or fewer'),
});

/** Adding and removing links to session notes, on the session's own page. */
export async function sessionNoteRoutes(app: TypedApp): Promise<void> {
  const { db, clock } = app.campgrid;
  app.register(async (signedIn: TypedApp) => {
    signedIn.addHook('onRequest', requireSignedIn);
    const pitchParams = slugParams.extend({ pitchId: id });
    signedIn.post('/events/:slug/pitches/:pitchId/notes', { schema: { params: pitchParams }, config: { rateLimit: { max: 20, timeWindow: '10 minutes' } } }, async (request, reply) => {
      const event = visibleEvent(db, request.params.slug, request.person);
      const pitch = pitchAt(db, event.id, request.params.pitchId);
      const page = `/events/${event.slug}/pitches/${pitch.id}`;
      const person = request.person!;
      if (!isRegisteredFor(db, event.id, person.id) && !roleAt(db, person, event.id)) throw new Forbidden();
      const parsed = parseForm(noteForm, formBody(request.body));
      const problem = (errors: Record<string, string>) => reply.redirect(`${page}?note=${encodeURIComponent(Object.values(errors)[0]!)}#notes`, 303);
      if (!parsed.ok) return problem(parsed.errors);
      try {
        addSessionNote(db, clock.now(), { session: publishedSessionOf(latestPublished(db, event.id), pitch.id), personId: person.id, ...parsed.value });
      } catch (error) {
        if (error instanceof RuleViolation) return problem(error.errors);
        throw error;
      }
      return reply.redirect(`${page}?done=note-added#notes`, 303);
    });
    signedIn.post('/events/:slug/pitches/:pitchId/notes/:noteId/remove', { schema: { params: pitchParams.extend({ noteId: id }) } }, async (request, reply) => {
      const event = visibleEvent(db, request.params.slug, request.person);
      if (!request.person || !roleAt(db, request.person, event.id)) throw new Forbidden();
      const pitch = pitchAt(db, event.id, request.params.pitchId);
      removeSessionNote(db, pitch.id, request.params.noteId);
      return reply.redirect(`/events/${event.slug}/pitches/${pitch.id}?done=note-removed#notes`, 303);
    });
  });
}

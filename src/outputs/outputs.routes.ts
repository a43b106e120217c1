import { publishedSessionOf, latestPublished } from '../grid/published-versions.ts';
import { visibleEvent } from '../events/visibility.ts';
import { pitchAt } from '../pitches/pitches.ts';
import { Forbidden } from '../rules.ts';
import { formBody, submitForm } from '../web/forms.ts';
import { requireSignedIn } from '../web/guards.ts';
import { id, slugParams, type TypedApp } from '../web/input.ts';
import { addOutput, editOutput, mayAddOutputs, outputAt } from './outputs.ts';
import { outputForm, outputKindQuery, outputKindWords } from './outputs.forms.ts';
import { outputSettingsOf } from './output-settings.ts';
import type { OutputKind } from './outputs.table.ts';
import type { Person } from '../people/people.ts';

const pitchParams = slugParams.extend({ pitchId: id });
const outputParams = slugParams.extend({ outputId: id });

/** Adding outputs to a session, and authors editing their own. */
export async function outputRoutes(app: TypedApp): Promise<void> {
  const { db, clock } = app.campgrid;
  app.register(async (signedIn: TypedApp) => {
    signedIn.addHook('onRequest', requireSignedIn);

    const addPage = (slug: string, pitchId: number, person: Person | null, kind: OutputKind) => {
      const event = visibleEvent(db, slug, person);
      const pitch = pitchAt(db, event.id, pitchId);
      const session = publishedSessionOf(latestPublished(db, event.id), pitch.id);
      if (!mayAddOutputs(db, clock.now(), { event, session, person })) throw new Forbidden();
      const back = `/events/${event.slug}/pitches/${pitch.id}`;
      const words = outputKindWords[kind];
      const viewData = { title: `${words.add}: ${pitch.title}`, event, pitch, kind, words, licence: outputSettingsOf(db, event.id).licence, action: `${back}/outputs/new?kind=${kind}`, backLink: back };
      return { event, session, back, viewData };
    };

    signedIn.get('/events/:slug/pitches/:pitchId/outputs/new', { schema: { params: pitchParams, querystring: outputKindQuery } }, async (request, reply) => {
      const { viewData } = addPage(request.params.slug, request.params.pitchId, request.person ?? null, request.query.kind ?? 'notes');
      return reply.view('outputs/form.eta', { ...viewData, values: { credited: 'yes' }, errors: {} });
    });

    signedIn.post(
      '/events/:slug/pitches/:pitchId/outputs/new',
      { schema: { params: pitchParams, querystring: outputKindQuery }, config: { rateLimit: { max: 30, timeWindow: '10 minutes' } } },
      async (request, reply) => {
        const kind = request.query.kind ?? 'notes';
        const { event, session, back, viewData } = addPage(request.params.slug, request.params.pitchId, request.person ?? null, kind);
        return submitForm(reply, {
          schema: outputForm,
          body: formBody(request.body),
          view: 'outputs/form.eta',
          viewData,
          act: (draft) => {
            addOutput(db, clock.now(), { event, session, person: request.person!, draft: { ...draft, kind } });
            return `${back}#outputs`;
          },
        });
      },
    );

    const editPage = (slug: string, outputId: number, person: Person) => {
      const event = visibleEvent(db, slug, person);
      const output = outputAt(db, event.id, outputId);
      if (output.authorId !== person.id) throw new Forbidden();
      const pitch = pitchAt(db, event.id, output.pitchId);
      const back = `/events/${event.slug}/pitches/${pitch.id}`;
      const words = outputKindWords[output.kind];
      const viewData = { title: `Edit: ${output.title}`, event, pitch, kind: output.kind, words, licence: output.licence, editing: true, action: `/events/${event.slug}/outputs/${output.id}/edit`, backLink: back };
      return { output, back, viewData };
    };

    signedIn.get('/events/:slug/outputs/:outputId/edit', { schema: { params: outputParams } }, async (request, reply) => {
      const { output, viewData } = editPage(request.params.slug, request.params.outputId, request.person!);
      const values = { title: output.title, body: output.body, url: output.url ?? '', owner: output.owner, credited: output.credited ? 'yes' : '' };
      return reply.view('outputs/form.eta', { ...viewData, values, errors: {} });
    });

    signedIn.post('/events/:slug/outputs/:outputId/edit', { schema: { params: outputParams } }, async (request, reply) => {
      const person = request.person!;
      const { output, back, viewData } = editPage(request.params.slug, request.params.outputId, person);
      return submitForm(reply, {
        schema: outputForm,
        body: formBody(request.body),
        view: 'outputs/form.eta',
        viewData,
        act: (draft) => {
          editOutput(db, clock.now(), { output, person, draft: { ...draft, kind: output.kind } });
          return `${back}#outputs`;
        },
      });
    });
  });
}

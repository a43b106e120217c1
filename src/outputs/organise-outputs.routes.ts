import { doneBanner, doneQuery, id, slugParams, type TypedApp } from '../web/input.ts';
import { formBody, submitForm } from '../web/forms.ts';
import { organising } from '../web/guards.ts';
import { outputDone } from './done-messages.ts';
import { lastModeration, outputAt, outputsOfCampForTeam, setOutputHidden } from './outputs.ts';
import { outputSettingsForm, visibilityForm } from './outputs.forms.ts';
import { outputSettingsOf, saveOutputSettings } from './output-settings.ts';
import { outputLicences } from './outputs.table.ts';

const outputParams = slugParams.extend({ outputId: id });

/** The team's view of a camp's outputs: hide and restore with a reason, the licence. */
export async function organiseOutputRoutes(app: TypedApp): Promise<void> {
  const { db, clock } = app.campgrid;
  app.get('/outputs', { schema: { querystring: doneQuery }, config: { minimumRole: 'helper' } }, async (request, reply) => {
    const { event } = organising(request);
    return reply.view('outputs/organise.eta', {
      title: `Outputs: ${event.name}`,
      event,
      outputs: outputsOfCampForTeam(db, event.id),
      moderation: lastModeration(db, event.id),
      settings: outputSettingsOf(db, event.id),
      done: doneBanner(outputDone, request.query.done),
      backLink: `/organise/events/${event.slug}`,
    });
  });

  const visibilityPage = (request: Parameters<typeof organising>[0], outputId: number) => {
    const { event } = organising(request);
    const output = outputAt(db, event.id, outputId);
    const hiding = output.hiddenAt === null;
    return { event, output, hiding, viewData: { title: `${hiding ? 'Hide' : 'Show again'}: ${output.title}`, event, output, hiding, backLink: `/organise/events/${event.slug}/outputs` } };
  };

  app.get('/outputs/:outputId/visibility', { schema: { params: outputParams }, config: { minimumRole: 'organiser' } }, async (request, reply) => {
    const { viewData } = visibilityPage(request, request.params.outputId);
    return reply.view('outputs/visibility.eta', { ...viewData, values: {}, errors: {} });
  });

  app.post('/outputs/:outputId/visibility', { schema: { params: outputParams }, config: { minimumRole: 'organiser' } }, async (request, reply) => {
    const { event, output, hiding, viewData } = visibilityPage(request, request.params.outputId);
    return submitForm(reply, {
      schema: visibilityForm,
      body: formBody(request.body),
      view: 'outputs/visibility.eta',
      viewData,
      act: ({ reason }) => {
        setOutputHidden(db, clock.now(), { event, output, by: request.person!, hidden: hiding, reason });
        return `/organise/events/${event.slug}/outputs?done=${hiding ? 'hidden' : 'restored'}`;
      },
    });
  });

  const settingsView = (event: ReturnType<typeof organising>['event']) => ({ title: `Output settings: ${event.name}`, event, licences: outputLicences, backLink: `/organise/events/${event.slug}/outputs` });

  app.get('/outputs/settings', { config: { minimumRole: 'organiser' } }, async (request, reply) => {
    const { event } = organising(request);
    const settings = outputSettingsOf(db, event.id);
    return reply.view('outputs/settings.eta', { ...settingsView(event), values: { licence: settings.licence, digestDaysAfter: String(settings.digestDaysAfter) }, errors: {} });
  });

  app.post('/outputs/settings', { config: { minimumRole: 'organiser' } }, async (request, reply) => {
    const { event } = organising(request);
    return submitForm(reply, {
      schema: outputSettingsForm,
      body: formBody(request.body),
      view: 'outputs/settings.eta',
      viewData: settingsView(event),
      act: (settings) => {
        saveOutputSettings(db, event.id, settings);
        return `/organise/events/${event.slug}/outputs?done=settings-saved`;
      },
    });
  });
}

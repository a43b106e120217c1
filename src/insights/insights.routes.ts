import type { CampEvent } from '../events/events.ts';
import type { Person } from '../people/people.ts';
import { RuleViolation, type FieldErrors } from '../rules.ts';
import { formBody, submitForm } from '../web/forms.ts';
import { organising } from '../web/guards.ts';
import { doneBanner, type DoneMessages, type TypedApp } from '../web/input.ts';
import { eventCharts } from './event-charts.ts';
import { eventInsights, setFirstTimerTarget } from './event-insights.ts';
import { firstTimerTargetForm, insightsQuery } from './insights.forms.ts';

const insightsDone: DoneMessages = { target: 'First-timer target saved' };

/** /organise/events/:slug/insights: who is coming, against the camp it follows. Owners and organisers. */
export async function insightsRoutes(app: TypedApp): Promise<void> {
  const { db, clock } = app.campgrid;
  const page = (event: CampEvent, person: Person, compare: string | undefined) => {
    let errors: FieldErrors | undefined;
    let insights;
    try {
      insights = eventInsights(db, clock.now(), event, person, compare);
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error;
      errors = error.errors;
      insights = eventInsights(db, clock.now(), event, person);
    }
    return {
      title: `Insights for ${event.name}`,
      event,
      insights,
      charts: eventCharts(insights),
      compare: compare ?? insights.comparison?.event.slug ?? '',
      values: { firstTimerTarget: String(event.firstTimerTargetPercent) },
      errors,
      backLink: `/organise/events/${event.slug}`,
    };
  };

  app.get('/insights', { schema: { querystring: insightsQuery } }, async (request, reply) => {
    const { event } = organising(request);
    const data = page(event, request.person!, request.query.compare);
    return reply.code(data.errors ? 400 : 200).view('insights/event.eta', { ...data, done: doneBanner(insightsDone, request.query.done) });
  });

  app.post('/insights/target', async (request, reply) => {
    const { event } = organising(request);
    return submitForm(reply, {
      schema: firstTimerTargetForm,
      body: formBody(request.body),
      view: 'insights/event.eta',
      viewData: page(event, request.person!, undefined),
      act: ({ firstTimerTarget }) => {
        setFirstTimerTarget(db, clock.now(), event.id, firstTimerTarget);
        return `/organise/events/${event.slug}/insights?done=target`;
      },
    });
  });
}

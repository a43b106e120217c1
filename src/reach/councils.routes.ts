import { z } from 'zod';
import { requireCampOrganiser } from '../organisations/organisations.routes.ts';
import { requireSignedIn } from '../web/guards.ts';
import { oneValue, type TypedApp } from '../web/input.ts';
import { councilsCsv, councilsWithCamps, filterCouncils, filterOptions, filterQuery, reachChoices, readCouncilFilter } from './never-reached.ts';
import { councilsMap } from './maps.ts';

const filterSchema = z.object({ nation: oneValue, region: oneValue, type: oneValue, reach: oneValue });

/**
 * /organise/insights/councils: every council with the camps it has been to, for outreach. It
 * is the network's, not one camp's, so the people who run camps here see it (as they review
 * organisations): the next camp's organisers are the ones who write to the councils that have
 * never come. It names councils only, never people; helpers, who work the door, do not see it.
 */
export async function councilInsightRoutes(app: TypedApp): Promise<void> {
  const { db } = app.campgrid;
  app.addHook('onRequest', requireSignedIn);
  app.addHook('onRequest', requireCampOrganiser);

  const read = (query: z.infer<typeof filterSchema>) => {
    const all = councilsWithCamps(db);
    const options = filterOptions(all);
    const { filter, errors } = readCouncilFilter(query, options);
    return { all, options, filter, errors, shown: filterCouncils(all, filter) };
  };

  app.get('/councils', { schema: { querystring: filterSchema } }, async (request, reply) => {
    const { all, options, filter, errors, shown } = read(request.query);
    const reached = shown.filter((c) => c.camps.length > 0).length;
    return reply.code(Object.keys(errors).length > 0 ? 400 : 200).view('reach/councils.eta', {
      title: 'Councils reached and never reached',
      backLink: '/organise',
      wide: true,
      options,
      reachChoices,
      values: filter,
      errors,
      councils: shown,
      total: all.length,
      reached,
      csvLink: `/organise/insights/councils.csv${filterQuery(filter)}`,
      map: councilsMap(shown, 'councils-map', 'Councils in this list'),
    });
  });

  app.get('/councils.csv', { schema: { querystring: filterSchema } }, async (request, reply) => {
    const { filter, errors, shown } = read(request.query);
    if (Object.keys(errors).length > 0) return reply.code(400).type('text/plain; charset=utf-8').send(Object.values(errors).join('\n'));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="councils${filter.reach === 'never' ? '-never-reached' : ''}.csv"`)
      .send(councilsCsv(shown));
  });
}

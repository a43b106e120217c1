import { requireAdministrator, requireSignedIn } from '../web/guards.ts';
import type { TypedApp } from '../web/input.ts';
import { siteCharts, siteInsights } from './site-insights.ts';

/** /organise/insights: camps by year, people and councils reached, across the site. Administrators only. */
export async function siteInsightsRoutes(app: TypedApp): Promise<void> {
  const { db } = app.campgrid;
  app.addHook('onRequest', requireSignedIn);
  app.addHook('onRequest', requireAdministrator);
  app.get('/', async (_request, reply) => {
    const site = siteInsights(db);
    return reply.view('insights/site.eta', { title: 'Insights across camps', site, charts: siteCharts(site), backLink: '/organise' });
  });
}

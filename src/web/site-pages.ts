import type { FastifyInstance } from 'fastify';

/** Pages about the site itself, linked from every footer. */
export async function sitePages(app: FastifyInstance): Promise<void> {
  app.get('/accessibility', async (_request, reply) => reply.view('site/accessibility.eta', { title: 'Accessibility statement' }));
  app.get('/privacy', async (_request, reply) => reply.view('site/privacy.eta', { title: 'Privacy notice' }));
}

// The rush's floor: a bare Fastify server that answers the register form with the same 303 as
// Campgrid but does nothing else. Fired at with the same client at the same moment, it shows
// how fast this machine, loaded as it is right now, can answer 2,000 new connections at all
// (with the same accept queue as Campgrid's default LISTEN_BACKLOG).
import formbody from '@fastify/formbody';
import Fastify from 'fastify';

const app = Fastify({ logger: false });
await app.register(formbody);
app.get('/healthz', async () => 'ok');
app.post('/events/:slug/register', async (request, reply) => {
  const { slug } = request.params as { slug: string };
  return reply.redirect(`/events/${slug}/register/done?outcome=confirmed`, 303);
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1', backlog: 4096 });

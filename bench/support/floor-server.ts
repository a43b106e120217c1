// The rush's floor: a bare Fastify server that answers the same two requests a registration
// makes, and does nothing else: the register page (a constant copy of the real one, with a CSRF
// cookie and token in it) and the form's 303. Fired at with the same client at the same
// moment, it shows how fast this machine, loaded as it is right now, can answer 2,000 visitors
// at all (with the same accept queue as Campgrid's default LISTEN_BACKLOG).
// The page is the real one (FLOOR_PAGE_FILE) with its token put back by hand, sent compressed
// once (gzip) when the browser asks, as Campgrid sends it.
// The same V8 settings as the server it is compared with (src/v8-settings.ts).
import '../../src/v8-settings.ts';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import formbody from '@fastify/formbody';
import Fastify from 'fastify';

const page = readFileSync(process.env.FLOOR_PAGE_FILE!, 'utf8').replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value="floor-token"');
const zipped = gzipSync(page);

const app = Fastify({ logger: false });
await app.register(formbody);
app.get('/healthz', async () => 'ok');
app.get('/events/:slug/register', async (request, reply) => {
  reply.header('set-cookie', 'campgrid_csrf=floor-cookie; Path=/; HttpOnly; SameSite=Lax').type('text/html; charset=utf-8').header('vary', 'accept-encoding');
  return /\bgzip\b/.test(request.headers['accept-encoding'] ?? '') ? reply.header('content-encoding', 'gzip').send(zipped) : reply.send(page);
});
app.post('/events/:slug/register', async (request, reply) => {
  const { slug } = request.params as { slug: string };
  return reply.redirect(`/events/${slug}/register/done?outcome=check-email`, 303);
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1', backlog: 4096 });

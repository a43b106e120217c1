import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { dataVersionOf } from './data-version.ts';
import { acceptedCodings } from './page-cache.ts';
import { rendered, type Rendered } from './render-cache.ts';
import { SplicedGzip } from './spliced-gzip.ts';

/** What a page renders from: a template and the data it is given. */
export type PageToRender = () => { page: string; data: Record<string, unknown> };

/**
 * A public form page (the register page) for visitors without a session: the same for every
 * such visitor but for the CSRF token its form carries. It is rendered once per change, with a
 * stand-in where the token goes, into the app's render cache; each visitor then gets the bytes
 * with a token of their own, and its cookie. Keys carry the data version (any write renders it
 * afresh: the places left show at once) and the second (what is open can change with the clock).
 * During a rush, the visitors between two commits share one rendering instead of one each.
 * A browser that takes gzip gets the rendering compressed once, with its token spliced in
 * (web/spliced-gzip.ts).
 */
export function formPagesOnce(app: FastifyInstance): (reply: FastifyReply, url: string, render: PageToRender) => Promise<FastifyReply> {
  const { db, clock, cache } = app.campgrid;
  const dataVersion = dataVersionOf(db.$client);
  // Random, so no text on the page can be taken for it.
  const standIn = `csrf-stand-in-${randomBytes(16).toString('hex')}`;
  // Each rendering as the bytes around its token(s), made once, so a visitor's copy is a copy of
  // bytes rather than a string built and encoded again (kept while the cache keeps the page),
  // and, for browsers that take gzip (all of them), those bytes compressed once: compressing the
  // whole page for each visitor had cost more than everything else in answering them.
  const bytesAround = new WeakMap<Rendered, { pieces: Buffer[]; gzip?: SplicedGzip }>();
  // Visitors who ask while a rendering is under way wait for that one rather than each starting
  // their own: after every commit of a rush, the page is due afresh for all of them at once.
  const underWay = new Map<string, Promise<Rendered>>();
  // Each page's last rendering and what it was rendered from. Any write moves the data version,
  // but most writes change nothing a form page shows: in a rush, every registration after the
  // places have gone. The page is then kept as it was, not rendered and compressed again.
  const lastRenderings = new Map<string, { from: string; made: Rendered }>();
  const renderingOf = (reply: FastifyReply, url: string, render: PageToRender): Promise<Rendered> => {
    const { page, data } = render();
    const from = JSON.stringify([page, data]);
    const last = lastRenderings.get(url);
    if (last?.from === from) return Promise.resolve(last.made);
    return reply.viewAsync(page, { ...data, csrfToken: standIn }).then((html) => {
      const made = rendered(html);
      lastRenderings.delete(url);
      if (lastRenderings.size >= 100) lastRenderings.delete(lastRenderings.keys().next().value!);
      lastRenderings.set(url, { from, made });
      return made;
    });
  };
  return async (reply, url, render) => {
    const key = `form|${dataVersion()}|${Math.floor(clock.now().getTime() / 1000)}|${url}`;
    let shell = cache.peek(key);
    if (!shell) {
      let rendering = underWay.get(key);
      if (!rendering) {
        rendering = renderingOf(reply, url, render)
          .then((made) => {
            cache.set(key, made);
            return made;
          })
          .finally(() => underWay.delete(key));
        underWay.set(key, rendering);
      }
      shell = await rendering;
    }
    let around = bytesAround.get(shell);
    if (!around) {
      around = { pieces: shell.body.split(standIn).map((part) => Buffer.from(part, 'utf8')) };
      bytesAround.set(shell, around);
    }
    const token = Buffer.from(escapeAttribute(reply.generateCsrf()), 'utf8');
    reply.type('text/html; charset=utf-8').header('vary', 'accept-encoding');
    if (acceptedCodings(reply.request.headers['accept-encoding']).has('gzip')) {
      around.gzip ??= new SplicedGzip(around.pieces);
      return reply.header('content-encoding', 'gzip').send(around.gzip.with(around.pieces.slice(1).map(() => token)));
    }
    return reply.send(Buffer.concat(around.pieces.flatMap((part, i) => (i === 0 ? [part] : [token, part]))));
  };
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}

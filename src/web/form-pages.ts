import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { Clock } from '../clock.ts';
import { logAnswerFromMemory, type FrontDoor, type RequestLog } from './front-door.ts';
import { requestIdFor } from './logging.ts';
import { acceptedCodings } from './page-cache.ts';
import { rendered, type RenderCache, type Rendered } from './render-cache.ts';
import { SplicedGzip } from './spliced-gzip.ts';

/** What a page renders from: a template and the data it is given. */
export type PageToRender = () => { page: string; data: Record<string, unknown> };

/** A rendering as the bytes around its token(s), and those bytes compressed once. */
interface Around {
  pieces: Buffer[];
  gzip?: SplicedGzip;
}

/** A new visitor's CSRF cookie (a Set-Cookie value) and the token that goes with it (web/security.ts). */
export type NewVisitorCsrf = () => { setCookie: string; token: string };

/**
 * Public form pages (the register page) for visitors without a session: the same for every
 * such visitor but for the CSRF token its form carries. Each is rendered once per change, with
 * a stand-in where the token goes, into the app's render cache; each visitor then gets the
 * bytes with a token of their own, and its cookie. Keys carry the data version (any write renders
 * it afresh: the places left show at once) and the second (what is open can change with the
 * clock). During a rush, the visitors between two commits share one rendering instead of one
 * each. A browser that takes gzip gets the rendering compressed once, with its token spliced in
 * (web/spliced-gzip.ts). A visitor with no cookie at all is answered before the framework
 * (formPagesFromMemory, below) once the page is kept.
 */
export class FormPages {
  // Random, so no text on the page can be taken for it.
  private readonly standIn = `csrf-stand-in-${randomBytes(16).toString('hex')}`;
  // Kept while the cache keeps the rendering, so a visitor's copy is a copy of bytes rather than
  // a string built and encoded again, and compressing the whole page for each visitor (which had
  // cost more than everything else in answering them) is done once.
  private readonly bytesAround = new WeakMap<Rendered, Around>();
  // Visitors who ask while a rendering is under way wait for that one rather than each starting
  // their own: after every commit of a rush, the page is due afresh for all of them at once.
  private readonly underWay = new Map<string, Promise<Rendered>>();
  // Each page's last rendering and what it was rendered from. Any write moves the data version,
  // but most writes change nothing a form page shows: in a rush, every registration after the
  // places have gone. The page is then kept as it was, not rendered and compressed again.
  private readonly lastRenderings = new Map<string, { from: string; made: Rendered }>();
  // The addresses of the form pages the app has served, so the front door passes every other
  // request on without working out a key.
  private readonly servedUrls = new Set<string>();

  constructor(
    /** The app's data version (web/data-version.ts). */
    private readonly dataVersion: () => string,
    private readonly clock: Clock,
    private readonly cache: RenderCache,
  ) {}

  /** Answers a visitor without a session through the framework, rendering the page if it is not kept. */
  async serve(reply: FastifyReply, url: string, render: PageToRender): Promise<FastifyReply> {
    const key = this.keyFor(url);
    let shell = this.cache.peek(key);
    if (!shell) {
      let rendering = this.underWay.get(key);
      if (!rendering) {
        rendering = this.renderingOf(reply, url, render)
          .then((made) => {
            this.cache.set(key, made);
            return made;
          })
          .finally(() => this.underWay.delete(key));
        this.underWay.set(key, rendering);
      }
      shell = await rendering;
      if (this.servedUrls.size >= 10_000) this.servedUrls.clear();
      this.servedUrls.add(url);
    }
    const { body, gzip } = this.bytesWith(this.around(shell), Buffer.from(escapeAttribute(reply.generateCsrf()), 'utf8'), reply.request.headers['accept-encoding']);
    reply.type('text/html; charset=utf-8').header('vary', 'accept-encoding').header('cache-control', 'no-store');
    if (gzip) reply.header('content-encoding', 'gzip');
    return reply.send(body);
  }

  /** The page at `url` as kept for this moment, if it is. */
  keptFor(url: string): Around | undefined {
    if (!this.servedUrls.has(url)) return undefined;
    const shell = this.cache.peek(this.keyFor(url));
    return shell && this.around(shell);
  }

  /** A kept page's bytes with a visitor's token in, compressed if the browser takes gzip. */
  bytesWith(around: Around, token: Buffer, acceptEncoding: string | undefined): { body: Buffer; gzip: boolean } {
    if (acceptedCodings(acceptEncoding).has('gzip')) {
      around.gzip ??= new SplicedGzip(around.pieces);
      return { body: around.gzip.with(around.pieces.slice(1).map(() => token)), gzip: true };
    }
    return { body: Buffer.concat(around.pieces.flatMap((part, i) => (i === 0 ? [part] : [token, part]))), gzip: false };
  }

  private keyFor(url: string): string {
    return `form|${this.dataVersion()}|${Math.floor(this.clock.now().getTime() / 1000)}|${url}`;
  }

  private around(shell: Rendered): Around {
    let around = this.bytesAround.get(shell);
    if (!around) {
      around = { pieces: shell.body.split(this.standIn).map((part) => Buffer.from(part, 'utf8')) };
      this.bytesAround.set(shell, around);
    }
    return around;
  }

  private renderingOf(reply: FastifyReply, url: string, render: PageToRender): Promise<Rendered> {
    const { page, data } = render();
    const from = JSON.stringify([page, data]);
    const last = this.lastRenderings.get(url);
    if (last?.from === from) return Promise.resolve(last.made);
    return reply.viewAsync(page, { ...data, csrfToken: this.standIn }).then((html) => {
      const made = rendered(html);
      this.lastRenderings.delete(url);
      if (this.lastRenderings.size >= 100) this.lastRenderings.delete(this.lastRenderings.keys().next().value!);
      this.lastRenderings.set(url, { from, made });
      return made;
    });
  }
}

/**
 * In a registration rush nearly every request is someone opening the register page for the
 * first time: no cookie at all, so no session and no CSRF secret yet. Once the page is kept,
 * such a visitor is answered here, before the framework builds its request and runs its hooks:
 * the same bytes, headers and new CSRF cookie and token the app would send (web/security.ts
 * makes them as the CSRF plugin does, and the plugin checks them when the form comes back).
 * Anything else (a cookie, a query, a page not kept this second) goes on to the app.
 */
export function formPagesFromMemory(options: {
  forms: FormPages;
  newCsrf: NewVisitorCsrf;
  securityHeaders: Record<string, string>;
  requestLog: RequestLog | undefined;
  trustProxy: boolean;
}): FrontDoor {
  const { forms, newCsrf, requestLog, trustProxy } = options;
  const securityHeaders = Object.entries(options.securityHeaders).flat();
  return (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'GET' || request.headers.cookie !== undefined) return false;
    const url = request.url ?? '/';
    const around = forms.keptFor(url);
    if (!around) return false;
    const began = performance.now();
    const id = requestIdFor(request);
    const { setCookie, token } = newCsrf();
    const { body, gzip } = forms.bytesWith(around, Buffer.from(escapeAttribute(token), 'utf8'), request.headers['accept-encoding']);
    // One flat list, as Node's writeHead takes it: no header object built per request.
    const headers = ['x-request-id', id, ...securityHeaders, 'content-type', 'text/html; charset=utf-8', 'vary', 'accept-encoding', 'cache-control', 'no-store', 'set-cookie', setCookie];
    if (gzip) headers.push('content-encoding', 'gzip');
    headers.push('content-length', String(body.length));
    response.writeHead(200, headers);
    response.end(body);
    logAnswerFromMemory(requestLog, { request, id, statusCode: 200, began, trustProxy });
    return true;
  };
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}

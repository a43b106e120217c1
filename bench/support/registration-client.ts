import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import http from 'node:http';
import net from 'node:net';

/** The signed CSRF cookie and the form token from one GET of the register page. */
export interface CsrfPair {
  cookie: string;
  token: string;
}

/** GETs the register page as a browser would and keeps its CSRF cookie and token. */
export async function openRegisterPage(baseUrl: string, slug: string): Promise<CsrfPair> {
  const response = await fetch(`${baseUrl}/events/${slug}/register`);
  if (response.status !== 200) throw new Error(`GET register page answered ${response.status}`);
  return csrfFrom(response.headers.getSetCookie(), await response.text());
}

/** The CSRF cookie (from the page's Set-Cookie headers) and the token its form carries. */
function csrfFrom(setCookies: string[], html: string): CsrfPair {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const cookie = setCookies.map((c) => c.split(';')[0]!).find((c) => c.startsWith('campgrid_csrf='));
  if (!token || !cookie) throw new Error('the register page gave no CSRF cookie and token');
  return { cookie, token: token.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&') };
}

export interface Submission {
  email: string;
  /** The HTTP status, or null when no answer came (connection refused, reset, timed out). */
  status: number | null;
  /** `confirmed`, `waiting` … from the 303's Location, when there was one. */
  outcome: string | null;
  ms: number;
  error?: string;
}

/** An HTTP agent that lets every submission have its own connection at once. */
export function rushAgent(sockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
}

/** The register form as the page sends it, for one person. */
function registrationBody(target: { ticketTypeId: number; csrf: CsrfPair }, who: { name: string; email: string }): string {
  return new URLSearchParams({
    _csrf: target.csrf.token,
    ticketTypeId: String(target.ticketTypeId),
    name: who.name,
    email: who.email,
    organisation: 'Anytown Borough Council',
    role: 'council-officer',
    firstCamp: 'no',
    accessNeeds: '',
    dietaryNeeds: '',
    codeOfConduct: 'yes',
  }).toString();
}

/** POSTs the register form for one person, the way the page's form would. */
export function submitRegistration(
  agent: http.Agent,
  baseUrl: string,
  target: { slug: string; ticketTypeId: number; csrf: CsrfPair },
  who: { name: string; email: string },
  timeoutMs = 60_000,
): Promise<Submission> {
  const body = registrationBody(target, who);
  const url = new URL(`/events/${target.slug}/register`, baseUrl);
  const began = performance.now();
  return new Promise((resolve) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        timeout: timeoutMs,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          cookie: target.csrf.cookie,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          const location = response.headers.location ?? '';
          const outcome = /[?&]outcome=([a-z-]+)/.exec(location)?.[1] ?? null;
          resolve({ email: who.email, status: response.statusCode ?? null, outcome, ms: performance.now() - began });
        });
        response.on('error', (error) => resolve({ email: who.email, status: null, outcome: null, ms: performance.now() - began, error: error.message }));
      },
    );
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) => resolve({ email: who.email, status: null, outcome: null, ms: performance.now() - began, error: error.message }));
    request.end(body);
  });
}

/** Where one registration is made: the camp, its ticket type and the register page's address. */
export interface RushTarget {
  slug: string;
  ticketTypeId: number;
}

/**
 * One visitor registering as a browser does: GETs the register page (its own CSRF cookie and
 * token), then POSTs the form with them, through Node's http client. The time is the whole visit.
 */
export function registerOverHttp(agent: http.Agent, baseUrl: string, target: RushTarget, who: { name: string; email: string }, timeoutMs = 60_000): Promise<Submission> {
  const began = performance.now();
  return new Promise<Submission>((resolve) => {
    const failed = (error: Error) => resolve({ email: who.email, status: null, outcome: null, ms: performance.now() - began, error: error.message });
    const request = http.get(new URL(`/events/${target.slug}/register`, baseUrl), { agent, timeout: timeoutMs }, (response) => {
      let html = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (html += chunk));
      response.on('error', failed);
      response.on('end', () => {
        let csrf: CsrfPair;
        try {
          csrf = csrfFrom(response.headers['set-cookie'] ?? [], html);
        } catch (error) {
          return resolve({ email: who.email, status: response.statusCode ?? null, outcome: 'no-form', ms: performance.now() - began, error: (error as Error).message });
        }
        void submitRegistration(agent, baseUrl, { ...target, csrf }, who, timeoutMs).then((s) => resolve({ ...s, ms: performance.now() - began }));
      });
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', failed);
  });
}

/**
 * The same visit written straight to sockets: the GET and then the POST, each one prepared
 * request with `Connection: close`. The rush runs its client on the same two cores as the
 * server, so a client that costs a fraction of Node's http client leaves the server the CPU it
 * is being measured on.
 */
export async function registerOverSocket(baseUrl: string, target: RushTarget, who: { name: string; email: string }, timeoutMs = 60_000): Promise<Submission> {
  const url = new URL(`/events/${target.slug}/register`, baseUrl);
  const began = performance.now();
  const done = (status: number | null, outcome: string | null, error?: string): Submission => ({ email: who.email, status, outcome, ms: performance.now() - began, ...(error ? { error } : {}) });
  // Asking for compression, as every browser does.
  const page = await exchange(url, `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nAccept-Encoding: gzip, deflate, br\r\nConnection: close\r\n\r\n`, true, timeoutMs);
  if (page.status !== 200) return done(page.status, 'no-form', page.error ?? `the page answered ${page.status}`);
  let csrf: CsrfPair;
  try {
    csrf = csrfFrom([...page.head.matchAll(/\r\nset-cookie: ([^\r]*)/gi)].map((m) => m[1]!), decoded(page.head, page.body));
  } catch (error) {
    return done(page.status, 'no-form', (error as Error).message);
  }
  const body = registrationBody({ ...target, csrf }, who);
  const post =
    `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nCookie: ${csrf.cookie}\r\nConnection: close\r\n\r\n${body}`;
  const answer = await exchange(url, post, false, timeoutMs);
  return done(answer.status, /\r\nlocation: [^\r]*[?&]outcome=([a-z-]+)/i.exec(answer.head)?.[1] ?? null, answer.error);
}

/** A body read as latin1 (byte for byte), undone from the coding the head names, as text. */
function decoded(head: string, body: string): string {
  const coding = /\r\ncontent-encoding: *([a-z]+)/i.exec(head)?.[1]?.toLowerCase();
  const bytes = Buffer.from(body, 'latin1');
  if (coding === 'gzip') return gunzipSync(bytes).toString('utf8');
  if (coding === 'br') return brotliDecompressSync(bytes).toString('utf8');
  return bytes.toString('utf8');
}

/**
 * Writes one request to a new connection and reads back the head (and, when asked, the body
 * until the server closes). Never rejects: what went wrong is in `error`.
 */
function exchange(url: URL, request: string, wantBody: boolean, timeoutMs: number): Promise<{ status: number | null; head: string; body: string; error?: string }> {
  return new Promise((resolve) => {
    let received = '';
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      const end = received.indexOf('\r\n\r\n');
      const head = end >= 0 ? received.slice(0, end) : received;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? NaN) || null;
      resolve({ status, head, body: end >= 0 ? received.slice(end + 4) : '', ...(error || status === null ? { error: error ?? 'closed without an answer' } : {}) });
    };
    const socket = net.connect(Number(url.port), url.hostname, () => socket.write(request));
    socket.setEncoding('latin1');
    socket.setTimeout(timeoutMs, () => finish('timed out'));
    socket.on('data', (chunk: string) => {
      received += chunk;
      // A 303 is complete enough to judge once its headers have arrived; a page is read to its end.
      if (!wantBody && received.includes('\r\n\r\n')) finish();
    });
    socket.on('end', () => finish());
    socket.on('error', (error) => finish(error.message));
  });
}

/** The p-th percentile (0–100) of some numbers, by nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

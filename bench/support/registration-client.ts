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
  const html = await response.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('campgrid_csrf='));
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

/**
 * The same submission written straight to a socket: one prepared request, `Connection: close`,
 * and only the status line and Location read back. The rush runs its client on the same two
 * cores as the server, so a client that costs a fraction of Node's http client leaves the
 * server the CPU it is being measured on.
 */
export function submitRegistrationOverSocket(
  baseUrl: string,
  target: { slug: string; ticketTypeId: number; csrf: CsrfPair },
  who: { name: string; email: string },
  timeoutMs = 60_000,
): Promise<Submission> {
  const url = new URL(`/events/${target.slug}/register`, baseUrl);
  const body = registrationBody(target, who);
  const request =
    `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nCookie: ${target.csrf.cookie}\r\nConnection: close\r\n\r\n${body}`;
  const began = performance.now();
  return new Promise((resolve) => {
    let head = '';
    let settled = false;
    const finish = (status: number | null, error?: string) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      const outcome = /\r\nlocation: [^\r]*[?&]outcome=([a-z-]+)/i.exec(head)?.[1] ?? null;
      resolve({ email: who.email, status, outcome, ms: performance.now() - began, ...(error ? { error } : {}) });
    };
    const socket = net.connect(Number(url.port), url.hostname, () => socket.write(request));
    socket.setEncoding('latin1');
    socket.setTimeout(timeoutMs, () => finish(null, 'timed out'));
    socket.on('data', (chunk: string) => {
      head += chunk;
      // The answer is complete enough to judge once its headers have arrived.
      if (head.includes('\r\n\r\n')) finish(Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? NaN) || null);
    });
    socket.on('end', () => finish(head ? Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? NaN) || null : null, head ? undefined : 'closed without an answer'));
    socket.on('error', (error) => finish(null, error.message));
  });
}

/** The p-th percentile (0–100) of some numbers, by nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

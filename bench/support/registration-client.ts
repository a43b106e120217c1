import http from 'node:http';

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

/** POSTs the register form for one person, the way the page's form would. */
export function submitRegistration(
  agent: http.Agent,
  baseUrl: string,
  target: { slug: string; ticketTypeId: number; csrf: CsrfPair },
  who: { name: string; email: string },
  timeoutMs = 60_000,
): Promise<Submission> {
  const body = new URLSearchParams({
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

/** The p-th percentile (0–100) of some numbers, by nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

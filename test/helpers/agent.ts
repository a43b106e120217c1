import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * A browser-like client over app.inject: keeps cookies, and sends the CSRF token from the
 * last page it fetched with every form it posts, as a real form would.
 */
export class Agent {
  private cookies = new Map<string, string>();
  csrfToken: string | undefined;

  /** `remoteAddress` stands for the network address the requests come from (default 127.0.0.1). */
  constructor(
    private readonly app: FastifyInstance,
    private readonly remoteAddress = '127.0.0.1',
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ method: 'GET', url, remoteAddress: this.remoteAddress, headers: { cookie: this.cookieHeader, ...headers } });
    this.remember(response);
    return response;
  }

  /** Posts a urlencoded form; the CSRF token is added unless the fields set `_csrf` themselves. */
  async post(url: string, fields: Record<string, string | string[]> = {}, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    const form = new URLSearchParams();
    if ((options.csrf ?? true) && !('_csrf' in fields)) {
      if (!this.csrfToken) await this.get('/sign-in');
      form.append('_csrf', this.csrfToken ?? '');
    }
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) form.append(k, item);
    const response = await this.app.inject({
      remoteAddress: this.remoteAddress,
      method: 'POST',
      url,
      payload: form.toString(),
      headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
    });
    this.remember(response);
    return response;
  }

  /**
   * Posts a multipart form, as a browser does for a form with a file box; the CSRF token is a
   * field like any other.
   */
  async postMultipart(
    url: string,
    fields: Record<string, string | string[]> = {},
    files: Record<string, { filename: string; contentType: string; data: Buffer }> = {},
  ): Promise<LightMyRequestResponse> {
    if (!('_csrf' in fields) && !this.csrfToken) await this.get('/sign-in');
    const boundary = `----campgrid${Math.random().toString(16).slice(2)}`;
    const chunks: Buffer[] = [];
    const pairs = Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((item) => [k, item] as const));
    if (!('_csrf' in fields)) pairs.unshift(['_csrf', this.csrfToken ?? '']);
    for (const [name, value] of pairs) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    for (const [name, file] of Object.entries(files)) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n`));
      chunks.push(file.data, Buffer.from('\r\n'));
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    const response = await this.app.inject({
      remoteAddress: this.remoteAddress,
      method: 'POST',
      url,
      payload: Buffer.concat(chunks),
      headers: { cookie: this.cookieHeader, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    this.remember(response);
    return response;
  }

  private remember(response: LightMyRequestResponse): void {
    for (const c of response.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (token) this.csrfToken = token[1];
  }
}

/** The text of the GOV.UK error summary's list items, in order. */
export function errorSummary(html: string): string[] {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="#[^"]+">([^<]*)<\/a>/g)].map((m) => decodeEntities(m[1]!));
}

/** The value attribute of the input named `name`. */
export function inputValue(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  const value = tag ? /value="([^"]*)"/.exec(tag)?.[1] : undefined;
  return value === undefined ? undefined : decodeEntities(value);
}

export function decodeEntities(s: string): string {
  return s
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import { describe, expect, it } from 'vitest';

/** The partial rendered by Eta as the app configures it: escaped by default. */
const eta = new Eta({ views: join(dirname(fileURLToPath(import.meta.url)), '../../views'), autoEscape: true, autoTrim: false });
const subscribe = (data: Record<string, unknown>) => eta.render('/partials/subscribe', data);

const links = (html: string) => [...html.matchAll(/<a class="govuk-link[^"]*" href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);

describe('the subscribe links', () => {
  it('offer webcal:// for calendar apps and the https address to copy, with instructions that need no JavaScript', () => {
    const html = subscribe({ httpsUrl: 'https://camp.example.org/events/localgovcamp-2026/calendar.ics', name: 'LocalGovCamp 2026' });
    expect(links(html)).toEqual([
      ['webcal://camp.example.org/events/localgovcamp-2026/calendar.ics', 'Subscribe to LocalGovCamp 2026 in your calendar app'],
      ['https://camp.example.org/events/localgovcamp-2026/calendar.ics', 'https://camp.example.org/events/localgovcamp-2026/calendar.ics'],
    ]);
    expect(html).toContain('<details class="govuk-details">');
    expect(html).toContain('How to add LocalGovCamp 2026 to Google, Outlook or Apple Calendar');
    for (const app of ['Google Calendar', 'Outlook', 'Apple Calendar']) expect(html).toContain(`>${app}</p>`);
    expect(html).not.toContain('private to you');
    expect(html).not.toContain('<script');
  });

  it('warn that a personal address is private, and keep it out of Referer headers', () => {
    const html = subscribe({ httpsUrl: 'https://camp.example.org/feeds/s3cret.ics', name: 'your sessions', secret: true });
    expect(html).toContain('rel="noreferrer"');
    expect(html).toContain('This address is private to you');
  });

  it('escape a hostile calendar name', () => {
    const html = subscribe({ httpsUrl: 'https://camp.example.org/events/x/calendar.ics', name: '<script>alert("x")</script> & Co' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('Subscribe to &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co in your calendar app');
  });
});

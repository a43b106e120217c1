/** Public addresses of a camp's pages and feeds, from the configured base URL. */

/** "https://camp.example.org/" → "https://camp.example.org", so joined paths never double a slash. */
export function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

export const eventUrl = (baseUrl: string, slug: string): string => `${trimBase(baseUrl)}/events/${encodeURIComponent(slug)}`;

export const sessionUrl = (baseUrl: string, slug: string, pitchId: number): string => `${eventUrl(baseUrl, slug)}/pitches/${pitchId}`;

export const eventFeedUrl = (baseUrl: string, slug: string): string => `${eventUrl(baseUrl, slug)}/calendar.ics`;

export const roomFeedUrl = (baseUrl: string, slug: string, roomId: number): string => `${eventUrl(baseUrl, slug)}/rooms/${roomId}/calendar.ics`;

export const sessionFeedUrl = (baseUrl: string, slug: string, pitchId: number): string => `${eventUrl(baseUrl, slug)}/pitches/${pitchId}.ics`;

export const personalFeedUrl = (baseUrl: string, token: string): string => `${trimBase(baseUrl)}/feeds/${encodeURIComponent(token)}.ics`;

/**
 * Calendar feeds and open schedule exports of a published grid. Everything here is pure (a
 * `PublishedGrid` in, a string or object out) except `calendarRoutes`, which serves them over
 * HTTP from loaders the app supplies. See the README's "Calendar feeds and exports".
 */
export { eventFeed, roomFeed, sessionFeed, personalFeed, FEED_REFRESH_SECONDS } from './feeds.ts';
export { scheduleJson, scheduleXml, type ScheduleOptions } from './c3voc.ts';
export { gridCsv } from './grid-csv.ts';
export { layoutFromGrid, type CampLayout } from './layout.ts';
export { calendarRoutes, type CalendarRoutesOptions, type FeedOwner } from './calendar.routes.ts';
export { eventFeedUrl, roomFeedUrl, sessionFeedUrl, personalFeedUrl } from './links.ts';
export { sessionUid, sessionGuid } from './guids.ts';

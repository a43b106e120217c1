import { join } from 'node:path';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/open.ts';
import { TimedWork } from './jobs.ts';
import { linksFor } from './tickets/manage-links.ts';
import { organiseRoutes } from './events/organise.routes.ts';
import { publicEventRoutes } from './events/public.routes.ts';
import { MailSender } from './mail/sender.ts';
import { peopleRoutes } from './people/people.routes.ts';
import { personForSession } from './people/sign-in.ts';
import { organisationRoutes } from './organisations/organisations.routes.ts';
import { councilInsightRoutes } from './reach/councils.routes.ts';
import { reachRoutes } from './reach/reach.routes.ts';
import { reachSettingRoutes } from './reach/reach-setting.routes.ts';
import { unmentoringRoutes } from './unmentoring/unmentoring.routes.ts';
import { registerRoutes } from './tickets/register.routes.ts';
import { manageRoutes } from './tickets/manage.routes.ts';
import { whoIsComingRoutes } from './tickets/who-is-coming.routes.ts';
import type { AppContext } from './web/context.ts';
import { sponsorOwnRoutes } from './sponsors/own.routes.ts';
import { sponsorSignUpRoutes } from './sponsors/public.routes.ts';
import { uploadRoutes } from './sponsors/uploads.routes.ts';
import { organisePitchRoutes } from './pitches/moderation.routes.ts';
import { pitchDeskRoutes } from './pitches/pitch-desk.routes.ts';
import { dayRoutes } from './events/days.routes.ts';
import { roomRoutes } from './events/rooms.routes.ts';
import { slotRoutes } from './events/slots.routes.ts';
import { teamRoutes } from './events/team.routes.ts';
import { buddyRoutes } from './buddies/buddies.routes.ts';
import { sponsorPackageRoutes } from './sponsors/packages.routes.ts';
import { sponsorReviewRoutes } from './sponsors/review.routes.ts';
import { gridEditorRoutes } from './grid/editor.routes.ts';
import { pitchCardRoutes } from './grid/cards.routes.ts';
import { organiseTicketRoutes } from './tickets/organise-tickets.routes.ts';
import { attendeeRoutes } from './tickets/attendees.routes.ts';
import { pitchingRoutes } from './pitches/pitching.routes.ts';
import { pitchRoutes } from './pitches/pitches.routes.ts';
import { publicGridRoutes } from './grid/public.routes.ts';
import { unsubscribeRoutes } from './messages/unsubscribe.routes.ts';
import { messageRoutes } from './messages/messages.routes.ts';
import { copyRoutes } from './events/copy.routes.ts';
import { insightsRoutes } from './insights/insights.routes.ts';
import { siteInsightsRoutes } from './insights/site.routes.ts';
import { outputRoutes } from './outputs/outputs.routes.ts';
import { outputFindingRoutes } from './outputs/finding.routes.ts';
import { outputDigestRoutes } from './outputs/digest.routes.ts';
import { organiseOutputRoutes } from './outputs/organise-outputs.routes.ts';
import { themeRoutes } from './themes/themes.routes.ts';
import { calendarArea } from './calendar/calendar-area.ts';
import { assets } from './web/assets.ts';
import { errorPages } from './web/errors.ts';
import { eitherDoor, serverWithFrontDoor, publicPagesFromMemory, type FrontDoor } from './web/front-door.ts';
import { FormPages, formPagesFromMemory } from './web/form-pages.ts';
import { dataVersionOf } from './web/data-version.ts';
import { pageCache, PublicPages } from './web/page-cache.ts';
import { RenderCache } from './web/render-cache.ts';
import { healthRoutes } from './web/health.routes.ts';
import { loggerOptions, OneLinePerRequest, requestIdFor, requestLoggerFor, SecretPaths } from './web/logging.ts';
import { safeRedirects } from './web/redirects.ts';
import { newVisitorCsrf, security, securityHeadersFor } from './web/security.ts';
import { requestDeadlines, serverTimeouts } from './web/timeouts.ts';
import { sessions } from './web/sessions.ts';
import { sitePages } from './web/site-pages.ts';
import { views } from './web/views.ts';
import { eventViewHelpers, organiserMenu } from './events/view-helpers.ts';
import { ticketViewHelpers } from './tickets/view-helpers.ts';
import { sponsorViewHelpers } from './sponsors/view-helpers.ts';
import { gridViewHelpers } from './grid/view-helpers.ts';
import { outputViewHelpers } from './outputs/view-helpers.ts';
import { reachViewHelpers } from './reach/view-helpers.ts';
import { busyWithRequests, trackRequests } from './web/in-flight.ts';

export interface BuildOptions {
  /** An already-open database (tests, the demo); otherwise config.databasePath is opened. */
  db?: Database;
  clock?: Clock;
  /** Start the background mail sender (off in tests that drive delivery themselves). */
  startMail?: boolean;
  logger?: boolean;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: DestinationStream;
  /** Where the links of file-delivered mail are printed whatever the log level (the demo: the console). */
  mailLinksTo?: (line: string) => void;
}

/** Builds the whole Campgrid web app. Tests, the demo and the server all build it this way. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const secrets = new SecretPaths();
  const logs = !(options.logger === false || config.logLevel === 'silent');
  const logsRequests = logs && ['info', 'debug', 'trace'].includes(config.logLevel);
  // The front door answers kept public pages before the framework; it needs the app's logger, so it is made just below.
  let frontDoor: FrontDoor | undefined;
  const app = Fastify({
    serverFactory: serverWithFrontDoor(() => frontDoor),
    logger: !logs ? false : loggerOptions(config, options.logStream, secrets),
    genReqId: requestIdFor,
    logController: new OneLinePerRequest(),
    childLoggerFactory: requestLoggerFor,
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    routerOptions: { maxParamLength: 200 },
    ...serverTimeouts(config),
  });
  // Routes declare their params and query with zod (web/input.ts); the error handler answers a mismatch.
  app.setValidatorCompiler(validatorCompiler);
  const db = options.db ?? openDatabase(config.databasePath);
  const clock = options.clock ?? systemClock;
  const { inFlight, begunLately } = trackRequests(app);
  const mail = new MailSender({
    busy: () => inFlight() > busyWithRequests || begunLately() > busyWithRequests,
    db,
    clock,
    from: config.mailFrom,
    smtpUrl: config.smtpUrl,
    mailDir: join(config.dataDir, 'mail'),
    pollMs: config.mailPollMs,
    showAddresses: config.env !== 'production',
    log: { info: (m) => app.log.info(m), warn: (m) => app.log.warn(m) },
    mailLinksTo: options.mailLinksTo,
  });
  const routes: AppContext['routes'] = [];
  app.addHook('onRoute', (route) => {
    secrets.learn(route.url);
    // The table keeps the route's own config object: contexts nested deeper (the organiser
    // context) run their onRoute hooks after this one and mark it there.
    const config = (route.config = { ...route.config });
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, config });
  });
  const cache = new RenderCache();
  const dataVersion = dataVersionOf(db.$client);
  const forms = new FormPages(dataVersion, clock, cache);
  app.decorate('campgrid', { config, db, clock, mail, routes, cache, forms, dataVersion });
  const securityHeaders = securityHeadersFor(config);
  const pages = new PublicPages(dataVersion, clock, cache, securityHeaders);
  const requestLog = logsRequests ? app.log : undefined;
  frontDoor = eitherDoor(
    publicPagesFromMemory({ pages, requestLog, trustProxy: config.trustProxy }),
    formPagesFromMemory({ forms, newCsrf: newVisitorCsrf(app), securityHeaders, requestLog, trustProxy: config.trustProxy }),
  );

  await app.register(requestDeadlines);
  await app.register(healthRoutes);
  await app.register(fastifyFormbody);
  await app.register(sessions, { personForSession: (token) => personForSession(db, clock, token) });
  await app.register(security, { securityHeaders });
  await app.register(safeRedirects);
  await app.register(pageCache, { pages });
  await app.register(views, {
    areaHelpers: [eventViewHelpers, ticketViewHelpers, sponsorViewHelpers, gridViewHelpers, outputViewHelpers, reachViewHelpers],
    areaLocals: [organiserMenu(db)],
  });
  await app.register(errorPages);
  await app.register(assets);

  await app.register(sitePages);
  await app.register(publicEventRoutes);
  await app.register(peopleRoutes);
  await app.register(unmentoringRoutes);
  await app.register(registerRoutes);
  await app.register(manageRoutes);
  await app.register(whoIsComingRoutes);
  await app.register(uploadRoutes);
  await app.register(sponsorSignUpRoutes);
  await app.register(sponsorOwnRoutes);
  await app.register(organiseRoutes, {
    prefix: '/organise',
    // Each area's organiser routes, all inside the one /organise/events/:slug context.
    eventAreas: [
      dayRoutes,
      slotRoutes,
      roomRoutes,
      teamRoutes,
      organiseTicketRoutes,
      attendeeRoutes,
      sponsorPackageRoutes,
      sponsorReviewRoutes,
      gridEditorRoutes,
      pitchCardRoutes,
      pitchDeskRoutes,
      organisePitchRoutes,
      themeRoutes,
      copyRoutes,
      messageRoutes,
      buddyRoutes,
      organiseOutputRoutes,
      reachSettingRoutes,
      insightsRoutes,
    ],
  });
  await app.register(organisationRoutes, { prefix: '/organise/organisations' });
  await app.register(siteInsightsRoutes, { prefix: '/organise/insights' });
  await app.register(councilInsightRoutes, { prefix: '/organise/insights' });
  await app.register(pitchRoutes);
  await app.register(pitchingRoutes);
  await app.register(publicGridRoutes);
  await app.register(unsubscribeRoutes);
  await app.register(outputRoutes);
  await app.register(outputFindingRoutes);
  await app.register(reachRoutes);
  await app.register(outputDigestRoutes);
  await app.register(calendarArea);

  const timedWork = new TimedWork({ db, clock, mail, links: linksFor(config), everyMs: config.jobSeconds * 1000, dataDir: config.dataDir, log: { error: (e) => app.log.error(e) } });
  if (options.startMail ?? true) {
    app.addHook('onReady', async () => {
      mail.start();
      timedWork.start();
    });
  }
  app.addHook('onClose', async () => {
    timedWork.stop();
    await mail.stop();
    if (!options.db) db.$client.close();
  });
  return app;
}

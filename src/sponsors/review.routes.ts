import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CampEvent } from '../events/events.ts';
import { localDate } from '../events/local-time.ts';
import { NotFound } from '../rules.ts';
import { formBody, splitDate, submitForm } from '../web/forms.ts';
import { organising } from '../web/guards.ts';
import { doneBanner, doneQuery, id, slugParams, type TypedApp } from '../web/input.ts';
import { sponsorDone } from './done-messages.ts';
import { toCsv } from '../csv.ts';
import { penceForForm } from './money.ts';
import { declineForm, invoiceForm, paymentForm, withDates } from './sponsor.forms.ts';
import { findSponsor, invoiceStatusLabels, sponsorsOf, sponsorStatusLabels, sponsorTotals, type Sponsor } from './sponsors.ts';
import { approveSponsor, declineSponsor, markInvoiced, markPaid } from './sponsor-changes.ts';
import { historyOf } from './history.ts';
import { sponsorStatuses } from './sponsors.table.ts';
import { z } from 'zod';

/** Organisers review sponsors: approve, decline with a reason, mark invoiced and paid, export. */
export async function sponsorReviewRoutes(app: TypedApp): Promise<void> {
  const { db, clock, config, mail } = app.campgrid;
  const sponsorAddress = { params: slugParams.extend({ sponsorId: id }) };
  const base = (e: CampEvent) => `/organise/events/${e.slug}/sponsors`;

  app.get('/sponsors', async (request, reply) => {
    const { event } = organising(request);
    const all = sponsorsOf(db, event.id);
    return reply.view('sponsors/review.eta', {
      title: `Sponsors of ${event.name}`,
      event,
      groups: sponsorStatuses.map((status) => ({ status, label: sponsorStatusLabels[status], sponsors: all.filter((s) => s.status === status) })),
      totals: sponsorTotals(db, event.id),
      backLink: `/organise/events/${event.slug}`,
    });
  });

  app.get('/sponsors.csv', async (request, reply) => {
    const { event } = organising(request);
    const rows: Array<Array<string | number>> = [
      ['Organisation', 'Package', 'Price (£)', 'Status', 'Invoice', 'Invoice reference', 'Invoiced on', 'Paid on', 'Contact', 'Email', 'Phone', 'Website', 'Invoicing address', 'Purchase order', 'VAT number', 'Description', 'Signed up on'],
      ...sponsorsOf(db, event.id).map((s) => [
        s.organisationName,
        s.agreedPackageName,
        penceForForm(s.agreedPricePence),
        sponsorStatusLabels[s.status],
        invoiceStatusLabels[s.invoiceStatus],
        s.invoiceReference,
        s.invoicedOn ?? '',
        s.paidOn ?? '',
        s.contactName,
        s.contactEmail,
        s.contactPhone,
        s.website,
        s.invoiceAddress,
        s.purchaseOrder,
        s.vatNumber,
        s.description,
        localDate(s.createdAt, event.timeZone),
      ]),
    ];
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${event.slug}-sponsors.csv"`)
      .header('cache-control', 'no-store')
      .send(toCsv(rows));
  });

  const sponsorOf = (request: FastifyRequest & { params: { sponsorId: number } }) => {
    const { event } = organising(request);
    const sponsor = findSponsor(db, event.id, request.params.sponsorId);
    if (!sponsor) throw new NotFound();
    return { event, sponsor };
  };
  const today = (event: CampEvent) => localDate(clock.now().getTime(), event.timeZone);
  const pageData = (event: CampEvent, sponsor: Sponsor) => ({
    title: sponsor.organisationName,
    event,
    sponsor,
    base: `${base(event)}/${sponsor.id}`,
    history: historyOf(db, sponsor.id),
    backLink: base(event),
  });
  const page = (reply: FastifyReply, event: CampEvent, sponsor: Sponsor, values: Record<string, unknown>, done?: string) =>
    reply.view('sponsors/review-sponsor.eta', { ...pageData(event, sponsor), values, done });
  const defaults = (event: CampEvent) => ({ ...splitDate(today(event), 'invoicedOn'), ...splitDate(today(event), 'paidOn') });

  app.get('/sponsors/:sponsorId', { schema: { ...sponsorAddress, querystring: doneQuery } }, async (request, reply) => {
    const { event, sponsor } = sponsorOf(request);
    return page(reply, event, sponsor, defaults(event), doneBanner(sponsorDone, request.query.done));
  });

  /** Every action re-renders the sponsor's page on a problem, and emails the sponsor on success. */
  const action = <T>(path: string, schema: z.ZodType<T>, dates: string[], act: (event: CampEvent, sponsor: Sponsor, value: T, request: FastifyRequest) => string) =>
    app.post(`/sponsors/:sponsorId/${path}`, { schema: sponsorAddress }, async (request, reply) => {
      const { event, sponsor } = sponsorOf(request);
      const result = await submitForm(reply, {
        schema,
        body: { ...defaults(event), ...withDates(formBody(request.body), ...dates) },
        view: 'sponsors/review-sponsor.eta',
        viewData: pageData(event, sponsor),
        act: (value) => act(event, sponsor, value, request),
      });
      mail.kick();
      return result;
    });
  const change = (event: CampEvent, sponsor: Sponsor, request: FastifyRequest) => ({ event, sponsorId: sponsor.id, by: { person: request.person! }, baseUrl: config.baseUrl });
  const done = (event: CampEvent, sponsor: Sponsor, what: string) => `${base(event)}/${sponsor.id}?done=${what}`;

  action('approve', z.object({}), [], (event, sponsor, _v, request) => {
    approveSponsor(db, clock.now(), change(event, sponsor, request));
    return done(event, sponsor, 'approved');
  });
  action('decline', declineForm, [], (event, sponsor, { reason }, request) => {
    declineSponsor(db, clock.now(), { ...change(event, sponsor, request), reason });
    return done(event, sponsor, 'declined');
  });
  action('invoice', invoiceForm, ['invoicedOn'], (event, sponsor, { reference, invoicedOn }, request) => {
    markInvoiced(db, clock.now(), { ...change(event, sponsor, request), reference, invoicedOn });
    return done(event, sponsor, 'invoiced');
  });
  action('payment', paymentForm, ['paidOn'], (event, sponsor, { paidOn }, request) => {
    markPaid(db, clock.now(), { ...change(event, sponsor, request), paidOn });
    return done(event, sponsor, 'paid');
  });
}

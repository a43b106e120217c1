import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CampEvent } from '../events/events.ts';
import { normaliseEmail } from '../people/people.ts';
import { NotFound, RuleViolation, type FieldErrors } from '../rules.ts';
import { parseForm, type FormBody } from '../web/forms.ts';
import { requireSignedIn } from '../web/guards.ts';
import { doneBanner, doneQuery, id, tokenParams, type TypedApp } from '../web/input.ts';
import { sponsorDone } from './done-messages.ts';
import { inFieldOrder } from './public.routes.ts';
import { sponsorDetailsForm } from './sponsor.forms.ts';
import { eventOfSponsor, findSponsorById, sponsorForToken, type Sponsor } from './sponsors.ts';
import { changeSponsorDetails, withdrawSponsor } from './sponsor-changes.ts';
import { historyOf } from './history.ts';
import { formWithUpload } from '../web/uploads.ts';
import { takeLogo } from './upload-body.ts';
import { acceptLogoUploads } from './uploads.routes.ts';

const detailFields = ['organisationName', 'website', 'contactName', 'contactEmail', 'contactPhone', 'invoiceAddress', 'purchaseOrder', 'vatNumber', 'description', 'logoFile'];

/** What the prefix's address holds: a secret token, or a sponsor's id. */
interface OwnAddress {
  key: string;
}

interface OwnPagesOptions {
  params: z.ZodType<OwnAddress>;
  /** The sponsor this request may see, or undefined (a 404: nobody learns whether it exists). */
  find: (address: OwnAddress, request: FastifyRequest) => Sponsor | undefined;
  /** The page's own address. */
  base: (address: OwnAddress) => string;
  /** Secret-link pages must not be cached or leak their address in a Referer. */
  secret: boolean;
}

const detailsOf = (s: Sponsor): FormBody => ({
  organisationName: s.organisationName,
  website: s.website,
  contactName: s.contactName,
  contactEmail: s.contactEmail,
  contactPhone: s.contactPhone,
  invoiceAddress: s.invoiceAddress,
  purchaseOrder: s.purchaseOrder,
  vatNumber: s.vatNumber,
  description: s.description,
  logo: s.logo ?? '',
});

/** A sponsor's own page: status, invoice, their details and logo (until approved), and withdrawing. */
async function ownPages(app: TypedApp, options: OwnPagesOptions): Promise<void> {
  const { db, clock, config, mail } = app.campgrid;
  const schema = { params: options.params };
  const load = (request: FastifyRequest & { params: OwnAddress }, reply: FastifyReply): { sponsor: Sponsor; event: CampEvent; base: string } => {
    if (options.secret) reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    const sponsor = options.find(request.params, request);
    const event = sponsor ? eventOfSponsor(db, sponsor) : undefined;
    if (!sponsor || !event) throw new NotFound();
    return { sponsor, event, base: options.base(request.params) };
  };

  app.get('/', { schema: { ...schema, querystring: doneQuery } }, async (request, reply) => {
    const { sponsor, event, base } = load(request, reply);
    return reply.view('sponsors/own.eta', {
      title: `Your sponsorship of ${event.name}`,
      sponsor,
      event,
      base,
      history: historyOf(db, sponsor.id),
      done: doneBanner(sponsorDone, request.query.done),
    });
  });

  const editView = (event: CampEvent, base: string) => ({ title: 'Change your details', event, base, backLink: base });
  app.get('/edit', { schema }, async (request, reply) => {
    const { sponsor, event, base } = load(request, reply);
    if (sponsor.status !== 'applied') return reply.redirect(base, 303);
    return reply.view('sponsors/own-edit.eta', { ...editView(event, base), values: detailsOf(sponsor) });
  });

  app.register(async (uploads: TypedApp) => {
    await acceptLogoUploads(uploads);
    uploads.post('/edit', { schema }, async (request, reply) => {
      const { sponsor, event, base } = load(request, reply);
      const { fields, upload } = formWithUpload(request.body, 'logoFile');
      if (!fields.logo && !upload) fields.logo = sponsor.logo ?? '';
      const { logo, error: logoError, keep } = takeLogo(config.dataDir, config.uploadSpaceBytes, fields, upload);
      const parsed = parseForm(sponsorDetailsForm, fields);
      const again = (errors: FieldErrors) => reply.code(400).view('sponsors/own-edit.eta', { ...editView(event, base), values: fields, errors: inFieldOrder(errors, detailFields) });
      if (!parsed.ok || logoError) return again({ ...(parsed.ok ? {} : parsed.errors), ...(logoError ? { logoFile: logoError } : {}) });
      try {
        keep();
        changeSponsorDetails(db, clock.now(), { event, sponsorId: sponsor.id, by: 'sponsor', baseUrl: config.baseUrl, details: parsed.value, logo: logo && logo.file !== sponsor.logo ? logo : null });
      } catch (error) {
        if (error instanceof RuleViolation) return again(error.errors);
        throw error;
      }
      return reply.redirect(`${base}?done=saved`, 303);
    });
  });

  app.get('/withdraw', { schema }, async (request, reply) => {
    const { event, base } = load(request, reply);
    return reply.view('sponsors/own-withdraw.eta', { title: `Withdraw from sponsoring ${event.name}?`, event, base, backLink: base });
  });
  app.post('/withdraw', { schema }, async (request, reply) => {
    const { sponsor, event, base } = load(request, reply);
    try {
      withdrawSponsor(db, clock.now(), { event, sponsorId: sponsor.id, by: 'sponsor', baseUrl: config.baseUrl });
    } catch (error) {
      if (error instanceof RuleViolation) {
        return reply.code(400).view('sponsors/own-withdraw.eta', { title: `Withdraw from sponsoring ${event.name}?`, event, base, backLink: base, errors: error.errors });
      }
      throw error;
    }
    mail.kick();
    return reply.redirect(`${base}?done=withdrawn`, 303);
  });
}

/**
 * The same pages reached two ways: by the secret link in every email, or from /me by the
 * signed-in person whose address is the sponsor's contact address.
 */
export async function sponsorOwnRoutes(app: TypedApp): Promise<void> {
  const { db, clock } = app.campgrid;
  await app.register(ownPages, {
    prefix: '/sponsorships/:token',
    secret: true,
    params: tokenParams.transform(({ token }) => ({ key: token })),
    find: ({ key }) => sponsorForToken(db, clock.now(), key),
    base: ({ key }) => `/sponsorships/${key}`,
  });
  await app.register(async (signedIn: TypedApp) => {
    signedIn.addHook('onRequest', requireSignedIn);
    await signedIn.register(ownPages, {
      prefix: '/me/sponsorships/:sponsorId',
      secret: false,
      params: z.object({ sponsorId: id }).transform(({ sponsorId }) => ({ key: String(sponsorId) })),
      find: ({ key }, request) => {
        const sponsor = findSponsorById(db, Number(key));
        return sponsor && request.person && sponsor.contactEmail === normaliseEmail(request.person.email) ? sponsor : undefined;
      },
      base: ({ key }) => `/me/sponsorships/${key}`,
    });
  });
}

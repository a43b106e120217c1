import type { FastifyReply } from 'fastify';
import { slugParams, type TypedApp } from '../web/input.ts';
import { visibleEvent } from '../events/visibility.ts';
import type { CampEvent } from '../events/events.ts';
import { RuleViolation, type FieldErrors } from '../rules.ts';
import { parseForm, type FormBody } from '../web/forms.ts';
import { availabilityOf, packagesOf, unitsLeft } from './packages.ts';
import { signUpForm } from './sponsor.forms.ts';
import { checkSignUpAllowance, signUpSponsor } from './sponsors.ts';
import { formWithUpload } from '../web/uploads.ts';
import { takeLogo } from './upload-body.ts';
import { acceptLogoUploads } from './uploads.routes.ts';

/** The order fields appear on the sign-up form, for the error summary. */
const signUpFields = ['packageId', 'organisationName', 'website', 'contactName', 'contactEmail', 'contactPhone', 'invoiceAddress', 'purchaseOrder', 'vatNumber', 'description', 'logoFile', 'terms'];

export function inFieldOrder(errors: FieldErrors, order: string[]): FieldErrors {
  const sorted: FieldErrors = {};
  for (const key of order) if (errors[key]) sorted[key] = errors[key];
  for (const [key, message] of Object.entries(errors)) if (!(key in sorted)) sorted[key] = message;
  return sorted;
}

/** The public sponsor page: packages, what is left of each, and the sign-up form. */
export async function sponsorSignUpRoutes(app: TypedApp): Promise<void> {
  const { db, clock, config, mail } = app.campgrid;

  const page = (reply: FastifyReply, event: CampEvent, extra: { values: FormBody; errors?: FieldErrors }) => {
    const now = clock.now();
    const packages = packagesOf(db, event.id).map((pkg) => ({ pkg, left: unitsLeft(pkg), availability: availabilityOf(pkg, now, event.timeZone) }));
    return reply.view('sponsors/sign-up.eta', {
      title: `Sponsor ${event.name}`,
      event,
      packages,
      open: event.status === 'published' && packages.some((p) => p.availability === 'open'),
      backLink: `/events/${event.slug}`,
      ...extra,
    });
  };

  app.get('/events/:slug/sponsor', { schema: { params: slugParams } }, async (request, reply) => {
    const event = visibleEvent(db, request.params.slug, request.person);
    return page(reply, event, { values: { contactEmail: request.person?.email ?? '', contactName: request.person?.name ?? '' } });
  });

  app.register(async (uploads: TypedApp) => {
    await acceptLogoUploads(uploads);
    // Each sign-up sends an email: one requester may make only a few.
    uploads.post('/events/:slug/sponsor', { schema: { params: slugParams }, config: { rateLimit: { max: config.sponsorSignUpsPerIpPerHour, timeWindow: '1 hour' } } }, async (request, reply) => {
      const event = visibleEvent(db, request.params.slug, request.person);
      const { fields, upload } = formWithUpload(request.body, 'logoFile');
      const { logo, error: logoError, keep } = takeLogo(config.dataDir, config.uploadSpaceBytes, fields, upload);
      const parsed = parseForm(signUpForm, fields);
      const again = (errors: FieldErrors) => page(reply.code(400), event, { values: fields, errors: inFieldOrder(errors, signUpFields) });
      if (!parsed.ok || logoError) return again({ ...(parsed.ok ? {} : parsed.errors), ...(logoError ? { logoFile: logoError } : {}) });
      if (event.status !== 'published') return again({ packageId: 'This camp is not taking sponsors' });
      const { terms: _agreed, packageId, ...details } = parsed.value;
      let link: string;
      try {
        checkSignUpAllowance(db, clock.now(), details.contactEmail);
        keep();
        ({ link } = signUpSponsor(db, clock.now(), { event, packageId, details, logo, baseUrl: config.baseUrl }));
      } catch (error) {
        if (error instanceof RuleViolation) return again(error.errors);
        throw error;
      }
      mail.kick();
      return reply.redirect(`${new URL(link).pathname}?done=applied`, 303);
    });
  });
}

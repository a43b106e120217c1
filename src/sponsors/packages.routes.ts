import type { CampEvent } from '../events/events.ts';
import { NotFound, RuleViolation } from '../rules.ts';
import { formBody, splitDate, submitForm } from '../web/forms.ts';
import { organising } from '../web/guards.ts';
import { doneBanner, doneQuery, id, slugParams, type TypedApp } from '../web/input.ts';
import { sponsorDone } from './done-messages.ts';
import { penceForForm } from './money.ts';
import { addPackage, findPackage, packagesOf, removePackage, unitsLeft, updatePackage, type SponsorPackage } from './packages.ts';
import { packageForm, withDates } from './sponsor.forms.ts';

const valuesOf = (p: SponsorPackage) => ({
  name: p.name,
  benefits: p.benefits.join('\n'),
  price: penceForForm(p.pricePence),
  available: p.available === null ? '' : String(p.available),
  ...(p.signUpDeadline ? splitDate(p.signUpDeadline, 'signUpDeadline') : {}),
  displayOrder: String(p.displayOrder),
  logoSize: p.logoSize,
  funds: p.funds,
});

/** Organisers offer sponsor packages: adding, changing and removing them. */
export async function sponsorPackageRoutes(app: TypedApp): Promise<void> {
  const { db, clock } = app.campgrid;
  const packageAddress = { params: slugParams.extend({ packageId: id }) };
  const base = (e: CampEvent) => `/organise/events/${e.slug}/sponsor-packages`;

  app.get('/sponsor-packages', { schema: { querystring: doneQuery } }, async (request, reply) => {
    const { event } = organising(request);
    const packages = packagesOf(db, event.id).map((pkg) => ({ pkg, left: unitsLeft(pkg) }));
    return reply.view('sponsors/packages.eta', {
      title: `Sponsor packages for ${event.name}`,
      event,
      packages,
      backLink: `/organise/events/${event.slug}`,
      done: doneBanner(sponsorDone, request.query.done),
    });
  });

  const newView = (event: CampEvent) => ({ title: 'Add a sponsor package', event, mode: 'new', backLink: base(event) });
  app.get('/sponsor-packages/new', async (request, reply) => {
    const { event } = organising(request);
    return reply.view('sponsors/package-form.eta', { ...newView(event), values: { logoSize: 'medium', funds: [] } });
  });
  app.post('/sponsor-packages/new', async (request, reply) => {
    const { event } = organising(request);
    return submitForm(reply, {
      schema: packageForm,
      body: withDates(formBody(request.body), 'signUpDeadline'),
      view: 'sponsors/package-form.eta',
      viewData: newView(event),
      act: ({ price, ...details }) => {
        addPackage(db, clock.now(), event.id, { ...details, pricePence: price });
        return `${base(event)}?done=package-added`;
      },
    });
  });

  const packageOf = (event: CampEvent, packageId: number) => {
    const pkg = findPackage(db, event.id, packageId);
    if (!pkg) throw new NotFound();
    return pkg;
  };
  const editView = (event: CampEvent, pkg: SponsorPackage) => ({ title: `Change ${pkg.name}`, event, mode: 'edit', held: pkg.unitsHeld, backLink: base(event) });
  app.get('/sponsor-packages/:packageId/edit', { schema: packageAddress }, async (request, reply) => {
    const { event } = organising(request);
    const pkg = packageOf(event, request.params.packageId);
    return reply.view('sponsors/package-form.eta', { ...editView(event, pkg), values: valuesOf(pkg) });
  });
  app.post('/sponsor-packages/:packageId/edit', { schema: packageAddress }, async (request, reply) => {
    const { event } = organising(request);
    const pkg = packageOf(event, request.params.packageId);
    return submitForm(reply, {
      schema: packageForm,
      body: withDates(formBody(request.body), 'signUpDeadline'),
      view: 'sponsors/package-form.eta',
      viewData: editView(event, pkg),
      act: ({ price, ...details }) => {
        updatePackage(db, clock.now(), event.id, pkg.id, { ...details, pricePence: price });
        return `${base(event)}?done=saved`;
      },
    });
  });

  const removeView = (event: CampEvent, pkg: SponsorPackage) => ({
    title: `Remove ${pkg.name}?`,
    warning: 'This cannot be undone.',
    button: 'Remove package',
    cancel: base(event),
  });
  app.get('/sponsor-packages/:packageId/remove', { schema: packageAddress }, async (request, reply) => {
    const { event } = organising(request);
    return reply.view('organise/confirm-remove.eta', removeView(event, packageOf(event, request.params.packageId)));
  });
  app.post('/sponsor-packages/:packageId/remove', { schema: packageAddress }, async (request, reply) => {
    const { event } = organising(request);
    const pkg = packageOf(event, request.params.packageId);
    try {
      removePackage(db, event.id, pkg.id);
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error;
      return reply.code(400).view('organise/confirm-remove.eta', { ...removeView(event, pkg), warning: error.errors.package });
    }
    return reply.redirect(`${base(event)}?done=removed`, 303);
  });
}

import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { organisationKey } from '../../src/organisations/matching.ts';
import { councilNames, organisationFor } from '../../src/organisations/names.ts';
import { organisationNames } from '../../src/organisations/organisations.table.ts';
import { bundledRegisterPath, readRegister } from '../../src/organisations/register.ts';
import { decideOrganisations, unmatchedOrganisations } from '../../src/organisations/review.ts';
import { registerAttendee } from '../../src/tickets/register.ts';
import { updateAttendeeDetails } from '../../src/tickets/manage.ts';
import { registrations } from '../../src/tickets/tickets.table.ts';
import { freshDatabase } from '../helpers/app.ts';
import { person } from '../helpers/people.ts';
import { violation } from '../helpers/rules.ts';
import { attendee, links, publishedCamp, ticketType } from '../helpers/tickets.ts';

const now = new Date('2027-03-01T10:00:00Z');

describe('the councils register shipped with Campgrid', () => {
  it('has the 397 current UK councils, every row good', () => {
    const { councils, problems } = readRegister(readFileSync(bundledRegisterPath, 'utf8'));
    expect(problems).toEqual([]);
    expect(councils).toHaveLength(397);
    expect(councils.filter((c) => c.nation === 'Wales')).toHaveLength(22);
  });

  it('is loaded into a new database on first start, as current councils to suggest', () => {
    const { db } = freshDatabase();
    expect(councilNames(db)).toHaveLength(397);
    expect(councilNames(db)).toContain('Aberdeen City Council');
    db.$client.close();
  });
});

describe('matching what people type to a council', () => {
  let db: ReturnType<typeof freshDatabase>['db'];
  beforeEach(() => (db = freshDatabase().db));
  afterEach(() => db.$client.close());

  const council = (typed: string) => organisationFor(db, typed)?.name;

  it('by its official name, whatever the case, spacing and punctuation', () => {
    expect(council('Bristol City Council')).toBe('Bristol City Council');
    expect(council('  BRISTOL city council. ')).toBe('Bristol City Council');
    expect(council('bristol-city-council')).toBe('Bristol City Council');
  });

  it('without the words of its title: "Council", "City of", "London Borough of", "Royal Borough of"', () => {
    expect(council('City of Bristol')).toBe('Bristol City Council');
    expect(council('Bristol')).toBe('Bristol City Council');
    expect(council('London Borough of Camden')).toBe('London Borough of Camden');
    expect(council('Camden Council')).toBe('London Borough of Camden');
    expect(council('LB Camden')).toBe('London Borough of Camden');
    expect(council('The Royal Borough of Kensington & Chelsea')).toBe(council('Kensington and Chelsea'));
    expect(council('Kensington and Chelsea')).toMatch(/Kensington and Chelsea/);
  });

  it('by the alternative spellings the register has seen ("aberdeen cuty")', () => {
    expect(council('aberdeen cuty')).toBe('Aberdeen City Council');
    expect(council("King's Lynn and West Norfolk")).toBe('Borough Council of Kings Lynn and West Norfolk');
    expect(council('Kings Lynn & West Norfolk')).toBe(council("King's Lynn and West Norfolk"));
  });

  it('gives a name two councils share to the one whose own name it is, and to neither when it is neither’s', () => {
    // "Newcastle upon Tyne" is the city council's short name, and only one of the combined authority's alternatives.
    expect(council('Newcastle upon Tyne')).toBe('Newcastle City Council');
    // The register lists "city of" among the spellings of three councils: left for an organiser.
    expect(council('City of')).toBeUndefined();
  });

  it('matches nothing for a supplier, and a key that ignores only spelling', () => {
    expect(council('Acme Digital Ltd')).toBeUndefined();
    expect(organisationKey('ACME Digital Limited.')).toBe(organisationKey('Acme digital ltd'));
    expect(organisationKey('The Council')).toBe('the council');
  });
});

describe('reviewing organisations that match no council', () => {
  let db: ReturnType<typeof freshDatabase>['db'];
  beforeEach(() => (db = freshDatabase().db));
  afterEach(() => db.$client.close());

  function register(organisation: string) {
    const { event } = publishedCamp(db, now, `camp-${Math.random().toString(36).slice(2)}`);
    const type = ticketType(db, now, event, { capacity: 100 });
    return registerAttendee(db, now, links, { event, type, details: attendee({ organisation }) }).registration;
  }

  it('keeps the text as typed and lists it once per spelling, with how many registrations', () => {
    const first = register('Anytown Parish Council');
    register('anytown parish council');
    register('Bristol City Council');
    expect(db.select().from(registrations).where(eq(registrations.id, first.id)).get()!.organisation).toBe('Anytown Parish Council');
    expect(unmatchedOrganisations(db)).toEqual([{ key: 'anytown parish', text: 'Anytown Parish Council', registrations: 2 }]);
  });

  it('assigns several at once to a council, for registrations made before and after', () => {
    register('Bristl CC');
    register('Brizzle Council');
    const organiser = person(db, 'organiser@example.org');
    const keys = unmatchedOrganisations(db).map((u) => u.key);
    expect(decideOrganisations(db, now, organiser.id, { keys, decision: 'council', council: 'City of Bristol' })).toBe(2);
    expect(unmatchedOrganisations(db)).toEqual([]);
    expect(council('bristl cc')).toBe('Bristol City Council');
    const later = register('BRISTL CC.');
    expect(organisationFor(db, later.organisation)?.name).toBe('Bristol City Council');
    expect(unmatchedOrganisations(db)).toEqual([]);
    function council(typed: string) {
      return organisationFor(db, typed)?.name;
    }
  });

  it('records a town or parish council under its principal council, and anything else as not a council', () => {
    register('Anytown Town Council');
    register('Acme Digital');
    const [town, acme] = [organisationKey('Anytown Town Council'), organisationKey('Acme Digital')];
    decideOrganisations(db, now, person(db, 'o@example.org').id, { keys: [town], decision: 'town-or-parish-council', council: 'Bristol' });
    decideOrganisations(db, now, person(db, 'o@example.org').id, { keys: [acme], decision: 'not-a-council', council: '' });
    const parish = organisationFor(db, 'anytown town council')!;
    expect(parish).toMatchObject({ kind: 'town-or-parish-council', name: 'Anytown Town Council', region: 'South West' });
    expect(organisationFor(db, parish.parentId ? 'Bristol City Council' : '')!.id).toBe(parish.parentId);
    expect(organisationFor(db, 'ACME digital')).toMatchObject({ kind: 'other', name: 'Acme Digital' });
  });

  it('refuses a council that is not in the register, and a decision about nothing, changing nothing', () => {
    register('Anytown Town Council');
    const keys = unmatchedOrganisations(db).map((u) => u.key);
    const organiser = person(db, 'o@example.org').id;
    expect(violation(() => decideOrganisations(db, now, organiser, { keys, decision: 'council', council: 'Narnia' }))).toEqual({ council: 'No council in the register is called “Narnia”. Choose one of the suggestions' });
    expect(violation(() => decideOrganisations(db, now, organiser, { keys: [], decision: 'not-a-council', council: '' }))).toEqual({ keys: 'Choose at least one organisation' });
    expect(unmatchedOrganisations(db)).toHaveLength(1);
  });

  it('never lets a decision change what the register says', () => {
    const organiser = person(db, 'o@example.org').id;
    expect(violation(() => decideOrganisations(db, now, organiser, { keys: ['bristol'], decision: 'not-a-council', council: '' }))).toEqual({ keys: 'Choose at least one organisation' });
    expect(db.select().from(organisationNames).where(eq(organisationNames.key, 'bristol')).get()!.source).toBe('register');
  });

  it('follows an attendee who corrects their organisation', () => {
    const registration = register('Brizzle');
    const { email: _e, ...details } = attendee({ organisation: 'Bristol City Council' });
    updateAttendeeDetails(db, now, registration.id, details);
    expect(db.select().from(registrations).where(eq(registrations.id, registration.id)).get()!.organisationKey).toBe('bristol');
  });
});

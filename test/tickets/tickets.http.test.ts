import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeEventStatus, type CampEvent } from '../../src/events/events.ts';
import { registrations } from '../../src/tickets/tickets.table.ts';
import { Agent, errorSummary, inputValue } from '../helpers/agent.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { eventbriteExport } from '../helpers/fixtures.ts';
import { outboxMessages, pathOf } from '../helpers/outbox.ts';
import { person, signedInAgent } from '../helpers/people.ts';
import { publishedCamp, ticketType, ticketTypeForm } from '../helpers/tickets.ts';
import type { TicketType } from '../../src/tickets/registrations.ts';

const form = (overrides: Record<string, string> = {}) => ({
  ticketTypeId: '',
  name: 'Zoë Okafor',
  email: 'zoe@example.org',
  organisation: 'Anytown Borough Council',
  role: 'council-officer',
  firstCamp: 'yes',
  accessNeeds: 'Step-free access please',
  dietaryNeeds: '',
  codeOfConduct: 'yes',
  ...overrides,
});

function manageLinkIn(text: string): string {
  return pathOf(text.match(/http:\/\/campgrid\.test\/tickets\/\d+\/[A-Za-z0-9_-]+/)![0]);
}

describe('registering through the website', () => {
  let t: TestApp;
  let event: CampEvent;
  let camp: TicketType;
  beforeEach(async () => {
    t = await makeApp();
    event = publishedCamp(t.db, t.clock.now()).event;
    camp = ticketType(t.db, t.clock.now(), event, { capacity: 1 });
  });
  afterEach(async () => t.close());

  it('gives a place, asks the person to check their email, and emails the place with a manage link and a sign-in link', async () => {
    const agent = new Agent(t.app);
    const page = await agent.get('/events/localgovcamp-2027/register');
    expect(page.body).toContain('1 place left.');
    const response = await agent.post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(camp.id) }));
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/events/localgovcamp-2027/register/done?outcome=check-email&ticket=${camp.id}`);
    expect((await agent.get(response.headers.location as string)).body).toContain('We’ve emailed the address you gave about Camp day at LocalGovCamp 2027');
    const mail = outboxMessages(t.db).at(-1)!;
    expect(mail.subject).toBe('You have a place: Camp day at LocalGovCamp 2027');
    expect(mail.toAddress).toBe('zoe@example.org');
    expect(mail.textBody).toMatch(/\/sign-in\/[A-Za-z0-9_-]{43}/);
    const manage = await new Agent(t.app).get(manageLinkIn(mail.textBody));
    expect(manage.statusCode).toBe(200);
    expect(manage.body).toContain('You have a place.');
    expect(manage.headers['cache-control']).toBe('no-store');
  });

  it('puts the next person on the waiting list and tells them (signed in as themselves) their position, never that they have a place', async () => {
    await new Agent(t.app).post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(camp.id) }));
    const agent = await signedInAgent(t.app, person(t.db, 'sam@example.org'));
    const response = await agent.post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(camp.id), email: 'sam@example.org', name: 'Sam' }));
    expect(response.headers.location).toBe(`/events/localgovcamp-2027/register/done?outcome=waiting&ticket=${camp.id}&position=1`);
    const done = await agent.get(response.headers.location as string);
    expect(done.body).toContain('so you are number 1 on the waiting list. You do not have a place yet.');
    expect(done.body).not.toContain('You have a place');
  });

  it('re-renders the form with every problem and what was typed', async () => {
    const agent = new Agent(t.app);
    const response = await agent.post('/events/localgovcamp-2027/register', { name: '<b>Zoë</b>', email: 'zoe@', accessNeeds: 'x'.repeat(1001) });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([
      'Choose a ticket',
      'Enter an email address in the correct format, like name@example.org',
      'Choose what best describes you',
      'Tell us whether this is your first camp',
      'Access needs must be 1,000 characters or fewer',
      'You must agree to the code of conduct to come',
    ]);
    expect(inputValue(response.body, 'name')).toBe('<b>Zoë</b>');
    expect(response.body).toContain('&lt;b&gt;Zoë&lt;/b&gt;');
    expect(t.db.select().from(registrations).all()).toHaveLength(0);
  });

  it('answers a registered address exactly as an unknown one, and says in the email that the registration is already there, without a duplicate', async () => {
    await new Agent(t.app).post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(camp.id) }));
    t.clock.advance(11 * 60_000);
    const again = await new Agent(t.app).post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(camp.id), email: 'ZOE@example.org' }));
    const unknown = await new Agent(t.app).post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(camp.id), email: 'nobody.yet@example.org' }));
    expect(again.headers.location).toBe(unknown.headers.location);
    const done = await new Agent(t.app).get(again.headers.location as string);
    expect(done.body).toBe((await new Agent(t.app).get(unknown.headers.location as string)).body);
    // Zoë's one registration and the newcomer's.
    expect(t.db.select().from(registrations).all()).toHaveLength(2);
    expect(outboxMessages(t.db).filter((m) => m.toAddress === 'zoe@example.org').at(-1)!.subject).toBe('You’re already registered: Camp day at LocalGovCamp 2027');
  });

  it('does not show hidden tickets without their code, and takes registrations with it', async () => {
    const volunteers = ticketType(t.db, t.clock.now(), event, { name: 'Volunteers', visibility: 'hidden', accessCode: 'HELP' });
    expect((await new Agent(t.app).get('/events/localgovcamp-2027/register')).body).not.toContain('Volunteers');
    const agent = new Agent(t.app);
    expect((await agent.get('/events/localgovcamp-2027/register?code=help')).body).toContain('Volunteers');
    const sneaky = await new Agent(t.app).post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(volunteers.id) }));
    expect(errorSummary(sneaky.body)).toEqual(['Choose a ticket']);
    const ok = await agent.post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(volunteers.id), accessCode: 'help' }));
    expect(ok.statusCode).toBe(303);
  });

  it('limits wrong access codes per requester, so a code cannot be found by guessing', async () => {
    const volunteers = ticketType(t.db, t.clock.now(), event, { name: 'Volunteers', visibility: 'hidden', accessCode: 'HELP' });
    const guesser = new Agent(t.app, '203.0.113.9');
    for (let i = 0; i < 10; i++) expect((await guesser.get(`/events/localgovcamp-2027/register?code=guess${i}`)).statusCode).toBe(200);
    const found = await guesser.get('/events/localgovcamp-2027/register?code=help');
    expect(found.statusCode).toBe(429);
    expect(errorSummary(found.body)).toEqual(['Too many access codes have been tried from here. Wait 10 minutes, then try again.']);
    expect(found.body).not.toContain('Volunteers');
    const posted = await guesser.post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(volunteers.id), accessCode: 'help' }));
    expect(errorSummary(posted.body)).toEqual(['Too many access codes have been tried from here. Wait 10 minutes, then try again.']);
    // Someone else, elsewhere, is not held up; and the guesser may try again later.
    expect((await new Agent(t.app).get('/events/localgovcamp-2027/register?code=help')).body).toContain('Volunteers');
    t.clock.advance(10 * 60_000 + 1);
    expect((await guesser.get('/events/localgovcamp-2027/register?code=help')).body).toContain('Volunteers');
  });

  it('names a hidden ticket type on the page after registering only to someone with its code', async () => {
    const volunteers = ticketType(t.db, t.clock.now(), event, { name: 'Volunteers', visibility: 'hidden', accessCode: 'HELP' });
    const done = `/events/localgovcamp-2027/register/done?outcome=check-email&ticket=${volunteers.id}`;
    expect((await new Agent(t.app).get(done)).body).not.toContain('Volunteers');
    expect((await new Agent(t.app).get(`${done}&code=nope`)).body).not.toContain('Volunteers');
    const registered = await new Agent(t.app).post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(volunteers.id), accessCode: 'help' }));
    expect((await new Agent(t.app).get(registered.headers.location as string)).body).toContain('Volunteers');
  });

  it('releases a place in two clicks, thanks the person, and offers it to the first person waiting', async () => {
    await new Agent(t.app).post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(camp.id) }));
    await new Agent(t.app).post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(camp.id), email: 'sam@example.org', name: 'Sam' }));
    const zoe = new Agent(t.app);
    const manage = manageLinkIn(outboxMessages(t.db).find((m) => m.toAddress === 'zoe@example.org')!.textBody);
    const confirm = await zoe.get(`${manage}/release`);
    expect(confirm.body).toContain('Release your place?');
    const released = await zoe.post(`${manage}/release`);
    expect(released.headers.location).toBe(`${manage}?done=released`);
    expect((await zoe.get(released.headers.location as string)).body).toContain('Your place goes to the next person waiting');

    const offer = outboxMessages(t.db).filter((m) => m.toAddress === 'sam@example.org').at(-1)!;
    expect(offer.subject).toBe('A place is yours if you want it: Camp day at LocalGovCamp 2027');
    const sam = new Agent(t.app);
    const samPage = await sam.get(manageLinkIn(offer.textBody));
    expect(samPage.body).toContain('Accept the place');
    await sam.post(`${manageLinkIn(offer.textBody)}/accept`);
    expect((await sam.get(manageLinkIn(offer.textBody))).body).toContain('You have a place.');
  });

  it('says when more places come before a wave opens, not only that the ticket is full', async () => {
    const waves = ticketType(t.db, t.clock.now(), event, { name: 'Waves day', capacity: 3, waves: [{ releasesAt: Date.parse('2027-01-01T12:00:00Z'), places: 1 }, { releasesAt: Date.parse('2027-04-01T11:00:00Z'), places: 2 }] });
    await new Agent(t.app).post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(waves.id) }));
    const page = (await new Agent(t.app).get('/events/localgovcamp-2027/register')).body;
    expect(page).toContain('The places released so far are taken. 2 more places come at midday on Thursday 1 April 2027');
  });

  it('answers an offer link after the camp is over (here: archived) that the camp is over, and claims nothing', async () => {
    await new Agent(t.app).post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(camp.id) }));
    await new Agent(t.app).post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(camp.id), email: 'sam@example.org', name: 'Sam' }));
    const zoe = manageLinkIn(outboxMessages(t.db).find((m) => m.toAddress === 'zoe@example.org')!.textBody);
    await new Agent(t.app).post(`${zoe}/release`);
    const offer = manageLinkIn(outboxMessages(t.db).filter((m) => m.toAddress === 'sam@example.org').at(-1)!.textBody);
    changeEventStatus(t.db, t.clock.now(), event.id, 'archived');
    const sam = new Agent(t.app);
    const page = await sam.get(offer);
    expect(page.body).toContain('The camp is over');
    expect(page.body).not.toContain('Accept the place');
    const accept = await sam.post(`${offer}/accept`);
    expect(errorSummary(accept.body)).toEqual(['The camp is over, so this place can no longer be claimed']);
    expect(t.db.select().from(registrations).where(eq(registrations.ticketTypeId, camp.id)).all().map((r) => r.status).sort()).toEqual(['cancelled', 'offered']);
  });

  it('refuses a manage link with the wrong token, and an old link after the place is re-registered', async () => {
    await new Agent(t.app).post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(camp.id) }));
    const manage = manageLinkIn(outboxMessages(t.db).at(-1)!.textBody);
    const forged = manage.replace(/[A-Za-z0-9_-]{5}$/, 'AAAAA');
    expect((await new Agent(t.app).get(forged)).statusCode).toBe(404);
    expect((await new Agent(t.app).get(manage.replace(/\/tickets\/\d+/, '/tickets/999'))).statusCode).toBe(404);
  });

  it('lets the person change their details, with messages for bad input', async () => {
    await new Agent(t.app).post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(camp.id) }));
    const manage = manageLinkIn(outboxMessages(t.db).at(-1)!.textBody);
    const agent = new Agent(t.app);
    expect(inputValue((await agent.get(`${manage}/details`)).body, 'name')).toBe('Zoë Okafor');
    const bad = await agent.post(`${manage}/details`, { name: '', role: 'council-officer', firstCamp: 'maybe' });
    expect(errorSummary(bad.body)).toEqual(['Enter your name', 'Tell us whether this is your first camp']);
    const good = await agent.post(`${manage}/details`, { name: 'Zoë O.', role: 'councillor', firstCamp: 'no', dietaryNeeds: 'Vegan' });
    expect(good.statusCode).toBe(303);
    expect(t.db.select().from(registrations).get()!.name).toBe('Zoë O.');
  });

  it('shows a signed-in person their places on /me, lets them download their data and delete their details', async () => {
    await new Agent(t.app).post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(camp.id) }));
    await new Agent(t.app).post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(camp.id), email: 'sam@example.org', name: 'Sam' }));
    const zoe = await signedInAgent(t.app, person(t.db, 'zoe@example.org'));
    const me = await zoe.get('/me');
    expect(me.body).toContain('LocalGovCamp 2027: Camp day</a> (you have a place)');
    const data = await zoe.get('/me/data.json');
    expect(data.headers['content-disposition']).toBe('attachment; filename="campgrid-my-data.json"');
    expect(JSON.parse(data.body)).toMatchObject({ person: { email: 'zoe@example.org' }, registrations: [{ event: 'LocalGovCamp 2027', status: 'confirmed', accessNeeds: 'Step-free access please' }] });
    const deleted = await zoe.post('/me/delete');
    expect(deleted.headers.location).toBe('/deleted');
    expect((await zoe.get('/me')).statusCode).toBe(303);
    expect(t.db.select().from(registrations).all().map((r) => r.status)).toEqual(['offered']);
  });
});

describe('organisers working with registrations', () => {
  let t: TestApp;
  let event: CampEvent;
  let organiser: Agent;
  beforeEach(async () => {
    t = await makeApp();
    event = publishedCamp(t.db, t.clock.now()).event;
    organiser = await signedInAgent(t.app, person(t.db, 'owner@example.org'));
  });
  afterEach(async () => t.close());

  const base = '/organise/events/localgovcamp-2027';
  const typeForm = ticketTypeForm;

  it('adds a ticket type with waves and reserved places, in the event’s time zone', async () => {
    const response = await organiser.post(`${base}/tickets/new`, {
      ...typeForm,
      waves: '2027-03-01 12:00, 150\n2027-03-08 12:00, 100',
      reservedForFirstTimers: '20', 'reservedUntil-day': '1', 'reservedUntil-month': '5', 'reservedUntil-year': '2027', reservedUntilTime: '00:00',
    });
    expect(response.statusCode).toBe(303);
    const list = await organiser.get(`${base}/tickets`);
    expect(list.body).toContain('250');
    expect(list.body).toContain('(0 released so far)');
    const edit = await organiser.get(`${base}/tickets/1/edit`);
    expect(edit.body).toContain('2027-03-01 12:00, 150\n2027-03-08 12:00, 100');
    expect(inputValue(edit.body, 'opensTime')).toBe('09:00');
  });

  it('explains a ticket type form that does not add up', async () => {
    const response = await organiser.post(`${base}/tickets/new`, {
      ...typeForm,
      capacity: 'lots', 'closes-day': '31', 'closes-month': '2', allocation: 'ballot', waves: 'next week, 100',
    });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual(['Places must be a whole number, like 250', 'Enter a real date, like 1 11 2027']);
    const ballot = await organiser.post(`${base}/tickets/new`, { ...typeForm, allocation: 'ballot' });
    expect(errorSummary(ballot.body)).toEqual(['Enter when the ballot is drawn']);
    const waves = await organiser.post(`${base}/tickets/new`, { ...typeForm, waves: 'next week, 100' });
    expect(errorSummary(waves.body)).toEqual(['Wave 1 should look like 2027-11-01 12:00, 100 (date, time, places)']);
    const sums = await organiser.post(`${base}/tickets/new`, { ...typeForm, waves: '2027-03-01 12:00, 100' });
    expect(errorSummary(sums.body)).toEqual(['The waves release 100 places but the capacity is 250; make them add up']);
    const hidden = await organiser.post(`${base}/tickets/new`, { ...typeForm, visibility: 'hidden' });
    expect(errorSummary(hidden.body)).toEqual(['Enter an access code for a hidden ticket type']);
  });

  it('lists, searches, exports and cancels registrations', async () => {
    const camp = ticketType(t.db, t.clock.now(), event, { capacity: 1 });
    for (const [name, email, organisation] of [['Zoë Okafor', 'zoe@example.org', '=SUM(A1)'], ['Sam Ng', 'sam@example.org', 'Civic Code']]) {
      await new Agent(t.app).post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(camp.id), name: name!, email: email!, organisation: organisation! }));
    }
    const list = await organiser.get(`${base}/attendees?q=civic`);
    expect(list.body).toContain('Sam Ng');
    expect(list.body).not.toContain('Zoë Okafor');
    const csv = await organiser.get(`${base}/attendees.csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.startsWith('\uFEFFName,Email,Organisation')).toBe(true);
    expect(csv.body).toContain("Zoë Okafor,zoe@example.org,'=SUM(A1),Council officer,Camp day,confirmed,yes,no,Step-free access please,");
    expect(csv.body.split('\r\n')).toHaveLength(4);

    const zoe = t.db.select().from(registrations).where(eq(registrations.name, 'Zoë Okafor')).get()!;
    const page = await organiser.get(`${base}/attendees/${zoe.id}`);
    expect(page.body).toContain('Step-free access please');
    const cancelled = await organiser.post(`${base}/attendees/${zoe.id}/cancel`);
    expect(cancelled.headers.location).toBe(`${base}/attendees?done=cancelled`);
    expect(outboxMessages(t.db).find((m) => m.toAddress === 'zoe@example.org' && m.subject.startsWith('Your registration has been cancelled'))).toBeDefined();
    expect(t.db.select().from(registrations).where(eq(registrations.name, 'Sam Ng')).get()!.status).toBe('offered');
  });

  it('imports the Eventbrite export pasted into the form and reports what it skipped', async () => {
    ticketType(t.db, t.clock.now(), event, { name: 'Camp day', capacity: 50 });
    ticketType(t.db, t.clock.now(), event, { name: 'Makers day', capacity: 50 });
    const csv = readFileSync(eventbriteExport, 'utf8');
    const response = await organiser.post(`${base}/attendees/import`, { csv });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Imported 6 registrations');
    expect(response.body).toContain('Row 6: Refunded: not imported');
    const empty = await organiser.post(`${base}/attendees/import`, { csv: '' });
    expect(errorSummary(empty.body)).toEqual(['Choose the CSV file of the export, or paste its contents']);
  });

  it('imports the export chosen as a file, in UTF-8 with a byte-order mark or Windows-1252, and says what is wrong with a bad file', async () => {
    ticketType(t.db, t.clock.now(), event, { name: 'Camp day', capacity: 50 });
    ticketType(t.db, t.clock.now(), event, { name: 'Makers day', capacity: 50 });
    const fixture = readFileSync(eventbriteExport);
    const page = await organiser.get(`${base}/attendees/import`);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('<label class="govuk-label" for="csvFile">The export file</label>');
    const file = (data: Buffer) => ({ csvFile: { filename: 'attendees.csv', contentType: 'text/csv', data } });
    // The fixture, as Eventbrite writes it, begins with a UTF-8 byte-order mark.
    expect([...fixture.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const response = await organiser.postMultipart(`${base}/attendees/import`, { csv: '' }, file(fixture));
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Imported 6 registrations');
    expect(response.body).toContain('Row 6: Refunded: not imported');
    // The first column's header was still found behind the byte-order mark: every person has an email.
    expect(t.db.select().from(registrations).all()).toHaveLength(6);

    // A spreadsheet saved on an older PC: Windows-1252, where é is the single byte 0xE9.
    const legacy = Buffer.from('First Name,Last Name,Email,Ticket Type\r\nRené,Dubois,rene@example.org,Camp day\r\n', 'latin1');
    const again = await organiser.postMultipart(`${base}/attendees/import`, {}, file(legacy));
    expect(again.body).toContain('Imported 1 registration');
    expect(t.db.select().from(registrations).where(eq(registrations.name, 'René Dubois')).get()).toBeDefined();

    // An empty file box sends a part with no name and no bytes.
    const nothing = await organiser.postMultipart(`${base}/attendees/import`, { csv: '' }, { csvFile: { filename: '', contentType: 'application/octet-stream', data: Buffer.alloc(0) } });
    expect(nothing.statusCode).toBe(400);
    expect(errorSummary(nothing.body)).toEqual(['Choose the CSV file of the export, or paste its contents']);
    for (const data of [Buffer.alloc(0), Buffer.from('\r\n  \r\n')]) {
      const empty = await organiser.postMultipart(`${base}/attendees/import`, {}, file(data));
      expect(errorSummary(empty.body)).toEqual(['That file is empty']);
    }
    const huge = await organiser.postMultipart(`${base}/attendees/import`, {}, file(Buffer.alloc(4 * 1_048_576 + 10, 'a')));
    expect(huge.statusCode).toBe(400);
    expect(errorSummary(huge.body)).toEqual(['That file is larger than 4 MB; split it into smaller files']);
    // Pasted text past the limit is cut off by the parser; it is refused, never imported cut short.
    const before = t.db.select().from(registrations).all().length;
    const pasted = await organiser.postMultipart(`${base}/attendees/import`, { csv: `First Name,Last Name,Email,Ticket Type\r\n${'Ann,Lee,ann@example.org,Camp day\r\n'.repeat(140_000)}` });
    expect(pasted.statusCode).toBe(400);
    expect(errorSummary(pasted.body)).toEqual(['That export is too large; split it into smaller files']);
    expect(t.db.select().from(registrations).all()).toHaveLength(before);
    // A body with more fields than the form has is refused before anything is read into memory.
    const stuffed = await organiser.postMultipart(`${base}/attendees/import`, Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`extra${i}`, 'x'.repeat(1000)])));
    expect(stuffed.statusCode).toBeGreaterThanOrEqual(400);
    expect(stuffed.statusCode).toBeLessThan(500);
    // Without a token, the upload is refused like any other form.
    const forged = await organiser.postMultipart(`${base}/attendees/import`, { _csrf: 'forged' }, file(fixture));
    expect(forged.statusCode).toBe(403);
  });

  it('lets a helper check someone in and undo it, seeing their access needs', async () => {
    const camp = ticketType(t.db, t.clock.now(), event, { capacity: 5 });
    await new Agent(t.app).post('/events/localgovcamp-2027/register', form({ ticketTypeId: String(camp.id) }));
    t.clock.set(new Date('2027-06-19T08:30:00Z')); // the morning of the camp
    const owner = person(t.db, 'owner@example.org');
    const { inviteOrganiser } = await import('../../src/events/organisers.ts');
    inviteOrganiser(t.db, t.clock.now(), { event, email: 'door@example.org', role: 'helper', invitedBy: owner, baseUrl: '' });
    const helper = await signedInAgent(t.app, person(t.db, 'door@example.org'));
    const found = await helper.get(`${base}/check-in?q=zoe`);
    expect(found.body).toContain('<strong>Access needs:</strong> Step-free access please');
    const id = t.db.select().from(registrations).get()!.id;
    const checked = await helper.post(`${base}/check-in/${id}`, { q: 'zoe', want: 'in' });
    expect(checked.headers.location).toBe(`${base}/check-in?q=zoe&done=in&name=Zo%C3%AB%20Okafor`);
    expect((await helper.get(checked.headers.location as string)).body).toContain('Zoë Okafor is checked in');
    await helper.post(`${base}/check-in/${id}`, { q: 'zoe', want: 'out' });
    expect(t.db.select().from(registrations).get()!.checkedInAt).toBeNull();
    expect((await helper.get(`${base}/attendees`)).statusCode).toBe(403);
  });
});

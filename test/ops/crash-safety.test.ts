import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openRegisterPage, rushAgent, submitRegistration, type Submission } from '../../bench/support/registration-client.ts';
import { seedRushCamp } from '../../bench/support/rush-camp.ts';
import { freePort, startServerProcess, type ServerProcess } from '../../bench/support/server-process.ts';
import { SmtpCapture } from '../helpers/smtp.ts';

function readDatabase<T>(path: string, read: (db: SQLite.Database) => T): T {
  const db = new SQLite(path, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe('a server killed in the middle of a registration rush', () => {
  const dir = mkdtempSync(join(tmpdir(), 'campgrid-crash-'));
  const smtp = new SmtpCapture();
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop('SIGKILL');
    await smtp.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged registration, duplicates nothing, and delivers every queued email exactly once after restart', { timeout: 120_000 }, async () => {
    const databasePath = join(dir, 'campgrid.db');
    const camp = seedRushCamp(databasePath, { capacity: 100 });
    const smtpPort = await freePort();
    const env = { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_POLL_SECONDS: '1', REGISTRATIONS_PER_IP_PER_MINUTE: '10000', JOB_SECONDS: '3600', LOG_LEVEL: 'fatal' };
    // The mail server is down for the whole rush, so every email stays in the outbox.
    server = await startServerProcess({ databasePath, env });
    const csrf = await openRegisterPage(server.baseUrl, camp.slug);
    const agent = rushAgent(50);
    const target = { slug: camp.slug, ticketTypeId: camp.ticketTypeId, csrf };
    let answered = 0;
    const crashed = server;
    const rush: Promise<Submission>[] = Array.from({ length: 400 }, (_, i) =>
      submitRegistration(agent, crashed.baseUrl, target, { name: `Rusher ${i}`, email: `rusher${i}@example.org` }).then((s) => {
        if (s.status !== null && ++answered === 150) crashed.child.kill('SIGKILL');
        return s;
      }),
    );
    const answers = await Promise.all(rush);
    agent.destroy();
    expect(await crashed.exited).toBe('SIGKILL');

    const acknowledged = answers.filter((a) => a.status === 303).map((a) => a.email);
    const unanswered = answers.filter((a) => a.status === null);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    expect(unanswered.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status !== null && a.status !== 303)).toEqual([]);
    const queuedBeforeRestart = readDatabase(databasePath, (db) => db.prepare("SELECT message_id AS id FROM outbox WHERE status = 'queued'").all() as Array<{ id: string }>).map((r) => r.id);
    expect(readDatabase(databasePath, (db) => db.prepare("SELECT count(*) AS n FROM outbox WHERE status <> 'queued'").get())).toEqual({ n: 0 });

    // Restart on the same database with the mail server back.
    await smtp.start(smtpPort);
    server = await startServerProcess({ databasePath, env });
    const deadline = Date.now() + 60_000;
    // A message whose one attempt failed waits out its 30 s backoff, so allow for that.
    while (smtp.messages.length < queuedBeforeRestart.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 1000)); // anything sent twice would arrive by now
    await server.stop('SIGTERM');

    const registered = readDatabase(databasePath, (db) =>
      db.prepare('SELECT p.email, r.status FROM registrations r JOIN people p ON p.id = r.person_id WHERE r.ticket_type_id = ?').all(camp.ticketTypeId) as Array<{ email: string; status: string }>,
    );
    const emails = registered.map((r) => r.email);
    expect(new Set(emails).size).toBe(emails.length);
    expect(acknowledged.filter((e) => !emails.includes(e))).toEqual([]);
    expect(registered.filter((r) => r.status === 'confirmed').length).toBeLessThanOrEqual(100);
    expect(registered.every((r) => r.status === 'confirmed' || r.status === 'waiting')).toBe(true);

    const delivered = smtp.messages.map((m) => m.messageId);
    expect(delivered.length).toBe(new Set(delivered).size);
    expect([...delivered].sort()).toEqual([...queuedBeforeRestart].sort());
    expect(readDatabase(databasePath, (db) => db.prepare("SELECT count(*) AS n FROM outbox WHERE status <> 'sent'").get())).toEqual({ n: 0 });
  });
});

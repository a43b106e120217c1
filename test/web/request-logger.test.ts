import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { RequestLogger, requestLoggerFor } from '../../src/web/logging.ts';

/** A pino logger writing parsed lines into an array. */
function logger(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const parent = pino({ level }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { parent, lines };
}

describe('a request’s logger', () => {
  it('writes at the levels the site writes, each line naming the request, and nothing below them', () => {
    const { parent, lines } = logger('warn');
    const log = requestLoggerFor(parent, { reqId: 'r-1' }, {});
    expect(log).toBeInstanceOf(RequestLogger);
    log.info('not written');
    log.debug('not written');
    log.warn({ seats: 0 }, 'room full');
    log.error(new Error('broken'));
    expect(lines.map((l) => [l.level, l.reqId, l.msg])).toEqual([
      [40, 'r-1', 'room full'],
      [50, 'r-1', 'broken'],
    ]);
    expect(lines[0]!.seats).toBe(0);
    expect(log.level).toBe('warn');
  });

  it('makes children that keep the request’s id, and can be turned up for one request', () => {
    const { parent, lines } = logger('warn');
    const log = requestLoggerFor(parent, { reqId: 'r-2' }, {});
    log.child({ step: 'mail' }).warn('retrying');
    log.level = 'info';
    log.info('now written');
    expect(parent.level).toBe('warn');
    expect(lines.map((l) => [l.reqId, l.step, l.msg])).toEqual([
      ['r-2', 'mail', 'retrying'],
      ['r-2', undefined, 'now written'],
    ]);
  });

  it('is pino’s own child where a route sets its own level', () => {
    const { parent, lines } = logger('warn');
    const log = requestLoggerFor(parent, { reqId: 'r-3' }, { level: 'debug' });
    expect(log).not.toBeInstanceOf(RequestLogger);
    log.debug('written');
    expect(lines.map((l) => [l.reqId, l.msg])).toEqual([['r-3', 'written']]);
  });
});

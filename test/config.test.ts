import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadDemoConfig } from '../src/config.ts';

describe('configuration', () => {
  it('has a documented default for everything, so a fresh machine starts with no settings', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      host: '127.0.0.1',
      port: 3000,
      baseUrl: 'http://localhost:3000',
      databasePath: './data/campgrid.db',
      dataDir: './data',
      smtpUrl: undefined,
      mailFrom: 'Campgrid <campgrid@localhost>',
      trustProxy: false,
      mailPollMs: 10_000,
      listenBacklog: 4096,
      timeouts: { headersMs: 10_000, requestMs: 30_000, uploadMs: 300_000, keepAliveMs: 5_000 },
    });
  });

  it('reads the environment and trims a trailing slash from the base URL', () => {
    const config = loadConfig({ PORT: '8080', BASE_URL: 'https://camp.example.org/', SMTP_URL: 'smtp://mail:25', DATABASE_PATH: '/var/lib/campgrid/c.db', TRUST_PROXY: 'true' });
    expect(config).toMatchObject({ port: 8080, baseUrl: 'https://camp.example.org', smtpUrl: 'smtp://mail:25', dataDir: '/var/lib/campgrid', trustProxy: true });
  });

  it('says exactly what is wrong with a bad setting', () => {
    expect(() => loadConfig({ PORT: 'eighty', SMTP_URL: 'mail.example.org' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ SMTP_URL: 'mail.example.org' })).toThrow('SMTP_URL: must start with smtp:// or smtps://');
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow('SESSION_SECRET: must be at least 32 characters');
  });

  it('insists on a session secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('SESSION_SECRET is required in production');
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }).sessionSecret).toBe('x'.repeat(32));
  });

  it('gives the demo its own database', () => {
    expect(loadDemoConfig({ DATABASE_PATH: '/real.db' }).databasePath).toBe('./data/demo.db');
    expect(loadDemoConfig({ DEMO_DATABASE_PATH: '/tmp/d.db' }).databasePath).toBe('/tmp/d.db');
  });
});

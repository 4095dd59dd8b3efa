import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../server/env.js';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

describe('parseEnv', () => {
  it('uses embedded defaults with demo data on a bare machine', () => {
    const r = parseEnv({});
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.settings.port).toBe(3000);
      expect(r.settings.config.databaseUrl).toBeUndefined();
      expect(r.settings.config.demo).toBe(true);
    }
  });
  it('turns the demo off by default with PostgreSQL, and on with DEMO=1', () => {
    const pg = parseEnv({ DATABASE_URL: 'postgres://x@h/db' });
    expect(pg.ok && pg.settings.config.demo).toBe(false);
    const on = parseEnv({ DATABASE_URL: 'postgres://x@h/db', DEMO: '1' });
    expect(on.ok && on.settings.config.demo).toBe(true);
  });
  it('reads CAP_FEED_URLS as http(s) URLs and refuses anything else by name', () => {
    const ok = parseEnv({ CAP_FEED_URLS: 'https://a.example/feed.atom, http://127.0.0.1:8080/x' });
    expect(ok.ok && ok.settings.config.capFeeds).toEqual({
      urls: ['https://a.example/feed.atom', 'http://127.0.0.1:8080/x'],
      pollMs: 300_000,
    });
    const bad = parseEnv({
      CAP_FEED_URLS: 'file:///etc/passwd,https://u:p@h/feed',
      CAP_FEED_POLL_SECONDS: '1',
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.problems.filter((p) => p.startsWith('CAP_FEED_URLS'))).toHaveLength(2);
      expect(bad.problems.some((p) => p.startsWith('CAP_FEED_POLL_SECONDS'))).toBe(true);
    }
  });
  it('reports every bad value by name', () => {
    const r = parseEnv({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      REDIS_URL: 'http://x',
      DEMO: 'maybe',
      LOG_LEVEL: 'loud',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'DEMO', 'LOG_LEVEL'])
        expect(r.problems.join('\n')).toContain(name);
    }
  });
  it('reads TRUST_PROXY as proxy hops or proxy addresses, never as "trust everything"', () => {
    const trust = (v: string | undefined) => {
      const r = parseEnv({ TRUST_PROXY: v });
      return r.ok ? r.settings.config.trustProxy : r.problems.join('\n');
    };
    expect(trust(undefined)).toBe(0);
    expect(trust('0')).toBe(0);
    expect(trust('false')).toBe(0);
    expect(trust('1')).toBe(1);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.5, 172.18.0.0/16,::1,uniquelocal')).toEqual([
      '10.0.0.5',
      '172.18.0.0/16',
      '::1',
      'uniquelocal',
    ]);
    for (const bad of ['true', 'yes', '*', '10.0.0.0/33', 'proxy.example', '99'])
      expect(trust(bad)).toMatch(/^TRUST_PROXY: /);
  });
  it('reads ALLOWED_ORIGINS as origins and refuses anything else', () => {
    const r = parseEnv({ ALLOWED_ORIGINS: 'https://ops.example.org, http://127.0.0.1:8080' });
    expect(r.ok && r.settings.config.allowedOrigins).toEqual([
      'https://ops.example.org',
      'http://127.0.0.1:8080',
    ]);
    const none = parseEnv({});
    expect(none.ok && none.settings.config.allowedOrigins).toEqual([]);
    for (const bad of ['ops.example.org', 'https://ops.example.org/app', 'ftp://x.example', '*'])
      expect(parseEnv({ ALLOWED_ORIGINS: bad })).toMatchObject({
        ok: false,
        problems: [expect.stringMatching(/^ALLOWED_ORIGINS: /)],
      });
  });
  it('the server exits with the problems listed when the environment is bad', () => {
    const root = path.resolve(import.meta.dirname, '..', '..');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, PORT: '-5', REDIS_URL: 'nope' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('REDIS_URL');
  });
});

import { describe, expect, it } from 'vitest';
import { cacheControlFor } from '../../../server/http/static.js';

describe('cacheControlFor', () => {
  it('keeps hashed assets (and their .br/.gz) for a year, immutable', () => {
    for (const f of ['/d/assets/index-abc.js', '/d/assets/index-abc.js.br', '/d/assets/x.css.gz'])
      expect(cacheControlFor(f)).toBe('public, max-age=31536000, immutable');
  });

  it('always revalidates the shell, the service worker and the manifest', () => {
    for (const f of [
      '/d/index.html',
      '/d/index.html.gz',
      '/d/sw.js',
      '/d/sw-sync.js',
      '/d/manifest.webmanifest',
    ])
      expect(cacheControlFor(f)).toBe('no-cache');
  });

  it('keeps other files an hour', () => {
    expect(cacheControlFor('/d/icons/icon-192.png')).toBe('public, max-age=3600');
  });
});

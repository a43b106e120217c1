import { describe, expect, it } from 'vitest';
import { qrCodeSvg } from '../../src/web/qr-codes.ts';
import { RenderCache } from '../../src/web/render-cache.ts';

describe('the render cache', () => {
  it('renders a key once and then serves the same bytes and ETag', () => {
    const cache = new RenderCache();
    let renders = 0;
    const render = () => `BEGIN:VCALENDAR ${++renders}`;
    const first = cache.get('grid:1:event', render);
    expect(cache.get('grid:1:event', render)).toBe(first);
    expect([renders, first!.body]).toEqual([1, 'BEGIN:VCALENDAR 1']);
  });

  it('forgets the least recently used feeds when over its budget', () => {
    const cache = new RenderCache(10);
    cache.get('a', () => 'aaaa');
    cache.get('b', () => 'bbbb');
    cache.get('a', () => 'never');
    cache.get('c', () => 'cccc');
    // b was used least recently: it goes, a stays.
    expect(cache.get('a', () => 'again')!.body).toBe('aaaa');
    expect(cache.get('b', () => 'rendered again')!.body).toBe('rendered again');
    expect(cache.count).toBe(2);
  });

  it('keeps nothing for a feed that does not exist', () => {
    const cache = new RenderCache();
    expect(cache.get('room:99', () => null)).toBeNull();
    expect(cache.count).toBe(0);
  });
});

describe('QR codes', () => {
  it('are drawn once per address and kept in the one render cache, within its budget', async () => {
    const cache = new RenderCache(20_000);
    const grid = await qrCodeSvg(cache, 'https://campgrid.test/events/camp/grid');
    expect(grid).toMatch(/^<svg[^>]*>.*<\/svg>\s*$/s);
    expect(await qrCodeSvg(cache, 'https://campgrid.test/events/camp/grid')).toBe(grid);
    expect(cache.count).toBe(1);
    // Many addresses (a pitch card each) never grow past the budget: the oldest codes go.
    for (let id = 1; id <= 40; id++) await qrCodeSvg(cache, `https://campgrid.test/p/${id}`);
    expect(cache.count).toBeLessThan(41);
    expect(cache.count).toBeGreaterThan(1);
  });
});

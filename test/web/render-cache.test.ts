import { describe, expect, it } from 'vitest';
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

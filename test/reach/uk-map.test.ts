import { describe, expect, it } from 'vitest';
import { ukMap } from '../../src/reach/uk-map.ts';
import { readMap } from './svg.ts';

describe('the UK map', () => {
  it('draws one dot per council, reached and never reached told apart by shape, as an image with words', () => {
    const svg = ukMap(
      [
        { lat: 51.45, long: -2.59, reached: true },
        { lat: 51.48, long: -3.18, reached: true },
        { lat: 57.15, long: -2.17, reached: false },
      ],
      { id: 'test-map', title: 'Map of the UK: councils', description: 'Three councils' },
    );
    const map = readMap(svg);
    expect(map).toEqual({ role: 'img', title: 'Map of the UK: councils', description: 'Three councils', land: 1, reached: 2, neverReached: 1 });
    expect(svg).toContain('aria-labelledby="test-map-title test-map-desc"');
    expect(svg).toContain('<circle class="campgrid-map__reached"');
    expect(svg).toContain('<rect class="campgrid-map__never"');
  });

  it('places a council inside the map, south below north', () => {
    const svg = ukMap([{ lat: 50.1, long: -5.5, reached: true }, { lat: 60.2, long: -1.2, reached: true }], { id: 'm', title: 't', description: 'd' });
    const ys = [...svg.matchAll(/<circle class="campgrid-map__reached" cx="([\d.]+)" cy="([\d.]+)"/g)].slice(0, 2).map((m) => Number(m[2]));
    expect(ys[0]).toBeGreaterThan(ys[1]!);
    for (const y of ys) expect(y).toBeGreaterThan(0);
  });
});

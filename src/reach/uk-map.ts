import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoPath, geoTransverseMercator, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/**
 * A map of the UK with a dot per council, drawn on the server as SVG (no JavaScript; prints;
 * old browsers). The outline is Natural Earth's (public domain), from the world-atlas package,
 * in the transverse Mercator the Ordnance Survey grid uses (centred on 2°W), so Britain looks as
 * people know it. Reached councils are filled circles, never-reached ones hollow squares, so
 * shape tells them apart as well as colour; the page's list says the same in words.
 */
export interface MapPoint {
  lat: number;
  long: number;
  reached: boolean;
}

const width = 400;
const height = 560;
const margin = 12;
// ISO 3166-1 numeric code of the United Kingdom in world-atlas.
const unitedKingdom = '826';

interface Outline {
  path: string;
  projection: GeoProjection;
}

let outline: Outline | undefined;

/** The UK's outline and its fitted projection, worked out once a process: the atlas is 750 kB of JSON. */
function ukOutline(): Outline {
  if (outline) return outline;
  const atlasFile = createRequire(import.meta.url).resolve('world-atlas/countries-50m.json');
  const atlas = JSON.parse(readFileSync(atlasFile, 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const uk = atlas.objects.countries.geometries.find((g) => g.id === unitedKingdom);
  if (!uk) throw new Error('world-atlas has no United Kingdom (id 826)');
  const shape = feature(atlas, uk);
  const projection = geoTransverseMercator().rotate([2, 0]).fitExtent([[margin, margin], [width - margin, height - margin]], shape);
  const path = geoPath(projection).digits(1)(shape) ?? '';
  outline = { path, projection };
  return outline;
}

const reachedMark = (x: number, y: number) => `<circle class="campgrid-map__reached" cx="${x}" cy="${y}" r="3.5" fill="#1d70b8" stroke="#0b0c0c" stroke-width="0.6"/>`;
const neverMark = (x: number, y: number) => `<rect class="campgrid-map__never" x="${(x - 3).toFixed(1)}" y="${(y - 3).toFixed(1)}" width="6" height="6" fill="#ffffff" stroke="#d4351c" stroke-width="1.4"/>`;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The map as an SVG string (role="img", with a title and a description that give its figures),
 * a key below the land. Never-reached councils are drawn first, so a reached council nearby is
 * not hidden under one.
 */
export function ukMap(points: MapPoint[], words: { title: string; description: string; id: string }): string {
  const { path, projection } = ukOutline();
  const at = (p: MapPoint) => {
    const xy = projection([p.long, p.lat]);
    return xy ? { x: Number(xy[0].toFixed(1)), y: Number(xy[1].toFixed(1)) } : null;
  };
  const marks = [...points.filter((p) => !p.reached), ...points.filter((p) => p.reached)]
    .map((p) => {
      const xy = at(p);
      return xy ? (p.reached ? reachedMark(xy.x, xy.y) : neverMark(xy.x, xy.y)) : '';
    })
    .join('');
  const keyTop = height + 8;
  const id = escape(words.id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="campgrid-map" viewBox="0 0 ${width} ${height + 56}" role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escape(words.title)}</title><desc id="${id}-desc">${escape(words.description)}</desc>` +
    `<path class="campgrid-map__land" d="${path}" fill="#f3f2f1" stroke="#505a5f" stroke-width="0.8"/>` +
    `<g class="campgrid-map__councils">${marks}</g>` +
    `<g class="campgrid-map__key" font-family="Arial, sans-serif" font-size="14" fill="#0b0c0c">` +
    `${reachedMark(20, keyTop + 12)}<text x="32" y="${keyTop + 17}">Reached: someone from it has come to a camp</text>` +
    `${neverMark(20, keyTop + 36)}<text x="32" y="${keyTop + 41}">Never reached</text></g></svg>`
  );
}

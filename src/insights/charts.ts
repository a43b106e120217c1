import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/**
 * Charts as SVG strings, drawn on the server by Observable Plot with linkedom as its document:
 * no JavaScript in the browser, they print, and old browsers show them. Each is an image named
 * by its own <title> and <desc>; the page puts a table of the same figures beside it, which is
 * the accessible version. Text reaches the SVG only as DOM text (escaped when serialised).
 * Plot's own <style> element and style attributes are taken out, since the site's
 * Content-Security-Policy allows no inline styles (static/ styles the charts instead), and so
 * are its ARIA names for the parts of what is one image.
 */
export interface ChartText {
  /** Unique on the page: the ids of the title and description are made from it. */
  id: string;
  title: string;
  description: string;
}

export interface Series {
  name: string;
  points: Array<{ x: number; y: number }>;
  /** Drawn dashed, so two lines differ by more than colour. */
  dashed?: boolean;
}

export interface Bar {
  /** The bar's own label (on the vertical axis). */
  label: string;
  value: number;
  /** Bars with the same group are drawn together under the group's name. */
  group?: string;
}

const width = 640;
const { document } = parseHTML('<!doctype html><html><body></body></html>');

/** Lines over a number axis (registrations by weeks before, councils by year), each labelled at its end. */
export function lineChart(text: ChartText, options: { series: Series[]; x: { label: string; reverse?: boolean; integer?: boolean }; y: { label: string } }): string {
  return remembered('line', text, options, () => drawLines(text, options));
}

function drawLines(text: ChartText, options: Parameters<typeof lineChart>[1]): string {
  const rows = options.series.flatMap((s) => s.points.map((p) => ({ ...p, name: s.name, dashed: !!s.dashed })));
  const ends = options.series.filter((s) => s.points.length > 0).map((s) => ({ ...s.points.at(-1)!, name: s.name }));
  const marks = [
    Plot.ruleY([0]),
    ...options.series.map((s) =>
      Plot.line(s.points, { x: 'x', y: 'y', stroke: s.dashed ? 'var(--campgrid-chart-other, #505a5f)' : 'var(--campgrid-chart-camp, #1d70b8)', strokeWidth: 3, strokeDasharray: s.dashed ? '6 4' : undefined, marker: 'circle' }),
    ),
    Plot.text(ends, { x: 'x', y: 'y', text: 'name', dy: -10, textAnchor: 'end', fill: 'currentColor', fontSize: 14 }),
  ];
  // Whole numbers (weeks, years) are ticked at each value while they fit, never between them.
  const xs = [...new Set(rows.map((r) => r.x))];
  const ticks = options.x.integer && xs.length <= 14 ? xs : 8;
  return svgOf(text, rows.length === 0 ? [] : marks, {
    height: 320,
    marginLeft: 50,
    marginTop: 30,
    x: { label: options.x.label, reverse: options.x.reverse, tickFormat: options.x.integer ? 'd' : undefined, ticks, labelAnchor: 'center', labelArrow: 'none' },
    y: { label: options.y.label, grid: true, nice: true, zero: true, tickFormat: 'd', labelArrow: 'none' },
  });
}

/** Horizontal bars, with each value written at the end of its bar; optionally grouped, and a rule (a target) across. */
export function barChart(text: ChartText, options: { bars: Bar[]; x: { label: string; domain?: [number, number] }; rule?: { value: number; label: string } }): string {
  return remembered('bar', text, options, () => drawBars(text, options));
}

function drawBars(text: ChartText, options: Parameters<typeof barChart>[1]): string {
  const grouped = options.bars.some((b) => b.group !== undefined);
  const labels = [...new Set(options.bars.map((b) => b.label))];
  const groups = [...new Set(options.bars.map((b) => b.group ?? ''))];
  const y = { y: 'label', fy: grouped ? 'group' : undefined } as const;
  const marks = [
    Plot.barX(options.bars, { x: 'value', ...y, fill: 'var(--campgrid-chart-camp, #1d70b8)' }),
    Plot.text(options.bars, { x: 'value', ...y, text: (b: Bar) => String(b.value), dx: 6, textAnchor: 'start', fill: 'currentColor', fontSize: 13 }),
    Plot.ruleX([0]),
    ...(options.rule ? [Plot.ruleX([options.rule.value], { stroke: 'currentColor', strokeWidth: 2, strokeDasharray: '4 3' }), Plot.text([options.rule], { x: 'value', frameAnchor: 'top', text: 'label', dy: -16, fill: 'currentColor', fontSize: 13 })] : []),
  ];
  const rowHeight = 26;
  return svgOf(text, options.bars.length === 0 ? [] : marks, {
    height: 60 + rowHeight * labels.length * groups.length + (grouped ? 24 * groups.length : 0) + (options.rule ? 20 : 0),
    marginLeft: Math.min(260, 12 + 7 * Math.max(0, ...labels.map((l) => l.length))),
    marginRight: 50,
    marginTop: options.rule ? 40 : 20,
    x: { label: options.x.label, domain: options.x.domain, grid: true, nice: true, labelArrow: 'none', labelAnchor: 'center' },
    y: { label: null, domain: labels, padding: 0.25 },
    fy: grouped ? { label: null, domain: groups, padding: 0.15 } : undefined,
  });
}

// Drawing a chart costs milliseconds; its figures change only when someone registers, so the
// last few drawings are kept by what was drawn (a plain map, oldest dropped first).
const drawn = new Map<string, string>();
const drawnKept = 64;

function remembered(kind: string, text: ChartText, options: unknown, draw: () => string): string {
  const key = JSON.stringify([kind, text, options]);
  const svg = drawn.get(key) ?? draw();
  drawn.delete(key);
  drawn.set(key, svg);
  if (drawn.size > drawnKept) drawn.delete(drawn.keys().next().value!);
  return svg;
}

function svgOf(text: ChartText, marks: Plot.Markish[], options: Plot.PlotOptions): string {
  const chart = Plot.plot({ ...options, width, document, marks, style: null, className: 'campgrid-plot' } as Plot.PlotOptions) as unknown as Element;
  const svg = chart.tagName.toLowerCase() === 'svg' ? chart : chart.querySelector('svg')!;
  for (const element of [svg, ...svg.querySelectorAll('*')]) {
    if (element.tagName.toLowerCase() === 'style') element.remove();
    // Inside an image its parts have no roles, so Plot's names for them (aria-label) go too.
    else for (const name of element.getAttributeNames()) if (name === 'style' || name.startsWith('on') || name.startsWith('aria-')) element.removeAttribute(name);
  }
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${text.id}-title ${text.id}-desc`);
  svg.setAttribute('id', text.id);
  const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  title.setAttribute('id', `${text.id}-title`);
  title.textContent = text.title;
  const desc = document.createElementNS('http://www.w3.org/2000/svg', 'desc');
  desc.setAttribute('id', `${text.id}-desc`);
  desc.textContent = text.description;
  svg.prepend(title, desc);
  return svg.outerHTML;
}

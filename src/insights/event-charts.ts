import { barChart, lineChart, type Bar, type Series } from './charts.ts';
import type { EventInsights } from './event-insights.ts';
import type { PlaceCounts } from './place-counts.ts';

/** The measures of places, in the order the charts and tables show them. */
export const placeMeasures = [
  ['confirmed', 'Confirmed'],
  ['waiting', 'Waiting'],
  ['checkedIn', 'Checked in'],
  ['noShows', 'No-shows'],
] as const;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The insights page's charts, as SVG strings; each has a table of the same figures beside it on the page. */
export function eventCharts(insights: EventInsights) {
  const { camp, comparison } = insights;
  const sides = comparison ? [camp, comparison] : [camp];
  const series: Series[] = [
    { name: camp.event.name, points: camp.overTime.points.map((p) => ({ x: p.weeksBefore, y: p.registered })) },
    ...(comparison ? [{ name: comparison.event.name, dashed: true, points: comparison.overTime.points.map((p) => ({ x: p.weeksBefore, y: p.registered })) }] : []),
  ];
  const last = (s: Series) => s.points.at(-1);
  return {
    overTime: lineChart(
      {
        id: 'chart-over-time',
        title: `Registrations over time: ${sides.map((s) => s.event.name).join(' against ')}`,
        description: series.map((s) => (last(s) ? `${s.name}: ${plural(last(s)!.y, 'person', 'people')} registered by ${plural(last(s)!.x, 'week', 'weeks')} before its first day.` : `${s.name}: no registrations with a date.`)).join(' '),
      },
      { series, x: { label: 'Weeks before the first day', reverse: true, integer: true }, y: { label: 'People registered' } },
    ),
    byTicketType: placesChart('chart-ticket-types', 'Places by ticket type', insights.places.byTicketType),
    byDay: placesChart('chart-days', 'Places by day', insights.places.byDay),
    firstTimers: barChart(
      {
        id: 'chart-first-timers',
        title: `First-timers against the target of ${insights.firstTimerTarget}%`,
        description: sides.map((s) => `${s.event.name}: ${s.figures.firstTimerPercent === null ? 'nobody coming yet' : `${s.figures.firstTimerPercent}% first-timers (${s.figures.firstTimers} of ${s.figures.people})`}.`).join(' '),
      },
      { bars: sides.map((s) => ({ label: s.event.name, value: s.figures.firstTimerPercent ?? 0 })), x: { label: 'First-timers (%)', domain: [0, 100] }, rule: { value: insights.firstTimerTarget, label: `Target ${insights.firstTimerTarget}%` } },
    ),
    roles: barChart(
      { id: 'chart-roles', title: 'People by role', description: sides.map((s) => `${s.event.name}: ${s.figures.roles.map((r) => `${r.label} ${r.people}`).join(', ')}.`).join(' ') },
      { bars: sides.flatMap((s) => s.figures.roles.map((r): Bar => ({ label: r.label, value: r.people, group: comparison ? s.event.name : undefined }))), x: { label: 'People' } },
    ),
    themes: barChart(
      {
        id: 'chart-themes',
        title: 'Themes of pitches and scheduled sessions',
        description: insights.themes.map((t) => `${t.name}: ${plural(t.pitched, 'pitch', 'pitches')}, ${plural(t.scheduled, 'session', 'sessions')} scheduled.`).join(' ') || 'The camp has no themes.',
      },
      { bars: insights.themes.flatMap((t): Bar[] => [{ label: 'Pitched', value: t.pitched, group: t.name }, { label: 'Scheduled', value: t.scheduled, group: t.name }]), x: { label: 'Pitches and sessions' } },
    ),
    regions: barChart(
      {
        id: 'chart-regions',
        title: 'Councils represented, by nation and region',
        description: `${plural(camp.figures.councils.represented.length, 'council', 'councils')} represented: ${camp.figures.byRegion.map((r) => `${r.region} ${r.councils}`).join(', ') || 'none yet'}.`,
      },
      { bars: camp.figures.byRegion.map((r) => ({ label: r.region === r.nation ? r.nation : `${r.region}, ${r.nation}`, value: r.councils })), x: { label: 'Councils' } },
    ),
  };
}

function placesChart(id: string, title: string, rows: PlaceCounts[]): string {
  const bars = rows.flatMap((row) => placeMeasures.filter(([key]) => row[key] !== null).map(([key, label]): Bar => ({ label, value: row[key] ?? 0, group: row.label })));
  const description = rows.map((row) => `${row.label}: ${placeMeasures.filter(([key]) => row[key] !== null).map(([key, label]) => `${label.toLowerCase()} ${row[key]}`).join(', ')}.`).join(' ');
  return barChart({ id, title, description: description || 'No places yet.' }, { bars, x: { label: 'Places' } });
}

// A small bar chart of the last 30 days: runs per day, the failed part in red. Plain SVG; the
// numbers are also said in words for screen readers and for anyone who does not read colour.
import { plural } from '../../lib/words';
import type { DayBar } from './useRecentRuns';

const width = 300;
const height = 44;
const axisDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/** The date a bar stands for, as the axis labels it ("3 Nov"; the last one is "Today"). */
function dayLabel(daysAgo: number): string {
  if (daysAgo === 0) return 'Today';
  const date = new Date();
  date.setDate(date.getDate() - daysAgo);
  return axisDate.format(date);
}

export function HistoryChart({ bars, error }: { bars?: DayBar[]; error?: string }) {
  if (error) return <p className="chart muted">The chart could not be drawn: {error}</p>;
  if (!bars) return <div className="chart chart-loading" aria-hidden="true" />;
  const runs = bars.reduce((sum, b) => sum + b.runs, 0);
  const failures = bars.reduce((sum, b) => sum + b.failures, 0);
  const most = Math.max(1, ...bars.map((b) => b.runs));
  const slot = width / bars.length;
  const summary = `Last 30 days: ${plural(runs, 'run')}, ${failures} failed`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={summary}>
        {bars.map((bar, i) => {
          const total = (bar.runs / most) * height;
          const failed = (bar.failures / most) * height;
          return (
            <g key={bar.daysAgo}>
              <title>{`${bar.daysAgo === 0 ? 'Today' : bar.daysAgo === 1 ? 'Yesterday' : `${bar.daysAgo} days ago`}: ${bar.runs} runs, ${bar.failures} failed`}</title>
              <rect className="bar-base" x={i * slot + 1} y={height - 1} width={slot - 2} height={1} />
              <rect className="bar-runs" x={i * slot + 1} y={height - total} width={slot - 2} height={total} rx={1} />
              {failed > 0 && <rect className="bar-failed" x={i * slot + 1} y={height - failed} width={slot - 2} height={failed} rx={1} />}
            </g>
          );
        })}
      </svg>
      {/* The date axis: the first, middle and last day of the 30, under their bars. */}
      <div className="chart-axis" aria-hidden="true">
        <span>{dayLabel(bars[0]?.daysAgo ?? 29)}</span>
        <span>{dayLabel(bars[Math.floor(bars.length / 2)]?.daysAgo ?? 15)}</span>
        <span>{dayLabel(bars[bars.length - 1]?.daysAgo ?? 0)}</span>
      </div>
      <figcaption>
        <span className="legend legend-runs" aria-hidden="true" /> Runs <span className="legend legend-failed" aria-hidden="true" /> Failed ·{' '}
        {summary}
      </figcaption>
    </figure>
  );
}

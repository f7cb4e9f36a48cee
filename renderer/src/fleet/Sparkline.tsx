import { memo } from 'react';
import { sparkPoints } from '../../../shared/ipc/channels/monitor';

const width = 96;
const height = 22;

/**
 * The last ten minutes of a link's round trips as a small line, scaled to its own highest point;
 * a slice with no answer breaks the line. Decorative: the row says the figures in words.
 */
export const Sparkline = memo(function Sparkline({
  points,
}: {
  points: readonly (number | null)[] | undefined;
}) {
  const values = points ?? [];
  const high = Math.max(1, ...values.filter((value): value is number => value !== null));
  const x = (index: number) => (index / (sparkPoints - 1)) * (width - 2) + 1;
  const y = (value: number) => height - 2 - (value / high) * (height - 4);
  const runs: string[] = [];
  let run: string[] = [];
  values.forEach((value, index) => {
    if (value === null) {
      if (run.length > 0) runs.push(run.join(' '));
      run = [];
    } else run.push(`${x(index).toFixed(1)},${y(value).toFixed(1)}`);
  });
  if (run.length > 0) runs.push(run.join(' '));
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
    >
      {runs.map((each) =>
        each.includes(' ') ? (
          <polyline key={each} points={each} />
        ) : (
          <circle key={each} cx={each.split(',')[0]} cy={each.split(',')[1]} r={1} />
        ),
      )}
    </svg>
  );
});

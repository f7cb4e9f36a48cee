import { routeFlags } from '../../../shared/routes/route';

/** What the letters in the flags column mean, as RouterOS prints above its route list. */
export function FlagsLegend() {
  return (
    <dl className="routes-legend" aria-label="Flags legend">
      {routeFlags.map((flag) => (
        <div key={flag.key} className="routes-legend-item">
          <dt>{flag.letter}</dt>
          <dd>{flag.label}</dd>
        </div>
      ))}
    </dl>
  );
}

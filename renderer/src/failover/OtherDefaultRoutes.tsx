import { nextHop } from '../../../shared/failover/active-link';
import type { OtherDefault } from '../../../shared/failover/setup';
import { describeDistanceHome, distanceHome } from '../../../shared/routes/distance-home';
import { flagLetters, hasFlag } from '../../../shared/routes/route';
import { Badge } from '../components/Badge';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import '../components/data-table.css';

/**
 * The default routes Uplink did not make, beside the WANs. Those at the same or a lower distance
 * than a WAN fight the failover order; the warning offers to move them behind the WANs.
 */
export function OtherDefaultRoutes({
  others,
  editable,
  onRenumber,
}: {
  others: OtherDefault[];
  editable: boolean;
  onRenumber(): void;
}) {
  if (others.length === 0) return null;
  const fighting = others.filter((other) => other.fights);
  const stuck = fighting.filter((other) => !other.movable);
  return (
    <section className="failover-section" aria-labelledby="other-defaults-title">
      <h2 id="other-defaults-title" className="failover-heading">
        Other default routes
      </h2>
      {fighting.length > 0 && (
        <Banner
          tone="warning"
          title={`${fighting.length === 1 ? 'A default route' : `${fighting.length} default routes`} Uplink did not make ${fighting.length === 1 ? 'has' : 'have'} the same or a lower distance than a WAN`}
          actions={
            fighting.length > stuck.length && (
              <Button disabled={!editable} onClick={onRenumber}>
                Move behind the WANs
              </Button>
            )
          }
        >
          RouterOS may send traffic through {fighting.length === 1 ? 'it' : 'them'} instead of following the
          WAN priority.
          {stuck.map(({ route }) => ` ${describeDistanceHome(distanceHome(route))}`)}
        </Banner>
      )}
      <table className="data-table data-table-framed" aria-label="Other default routes">
        <thead>
          <tr>
            <th scope="col">Flags</th>
            <th scope="col">Gateway</th>
            <th scope="col">Distance</th>
            <th scope="col">Comment</th>
            <th scope="col">
              <span className="visually-hidden">Fights the WANs</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {others.map(({ route, fights }) => {
            const hop = nextHop(route);
            return (
              <tr key={route.id} className={hasFlag(route, 'disabled') ? 'muted' : undefined}>
                <td className="mono">{flagLetters(route.flags)}</td>
                <td className="mono">
                  {hop.gateway}
                  {hop.interface && <span className="muted"> on {hop.interface}</span>}
                </td>
                <td className="mono">{route.distance}</td>
                <td>{route.comment}</td>
                <td>{fights && <Badge tone="warning">Same or lower distance than a WAN</Badge>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

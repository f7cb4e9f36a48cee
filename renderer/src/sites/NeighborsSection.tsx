import { useId, useState } from 'react';
import type { Neighbor } from '../../../shared/ipc/channels/sites';
import { IconButton } from '../components/Button';
import { Icon } from '../components/Icon';
import { useNeighborsStore } from '../stores/neighbors-store';
import { useSiteDialogsStore } from '../stores/site-dialogs-store';

/**
 * Routers heard on the local network over MNDP (as Winbox's Neighbors tab). One click starts a
 * site from one, with its identity and address filled in.
 */
export function NeighborsSection() {
  const neighbors = useNeighborsStore((s) => s.neighbors);
  const loaded = useNeighborsStore((s) => s.loaded);
  const openAdd = useSiteDialogsStore((s) => s.openAdd);
  const [expanded, setExpanded] = useState(true);
  const listId = useId();

  const addAsSite = (neighbor: Neighbor) =>
    openAdd({ name: neighbor.identity || neighbor.address, address: neighbor.address });

  return (
    <section className="neighbors" aria-labelledby={`${listId}-heading`}>
      <h2 className="sidebar-heading" id={`${listId}-heading`}>
        <button
          type="button"
          className="sidebar-heading-toggle"
          aria-expanded={expanded}
          aria-controls={listId}
          onClick={() => setExpanded(!expanded)}
        >
          <span className="disclosure" aria-hidden="true">
            {expanded ? '▾' : '▸'}
          </span>
          Neighbors
          <span className="sidebar-count">{neighbors.length}</span>
        </button>
      </h2>
      <div id={listId} hidden={!expanded} className="neighbors-body">
        {neighbors.length === 0 ? (
          <p className="neighbors-empty">
            <Icon name="radar" size={14} />
            {loaded ? 'Listening for MikroTik routers on this network…' : 'Loading…'}
          </p>
        ) : (
          <ul className="neighbor-list" aria-label="Neighbors">
            {neighbors.map((neighbor) => (
              <li key={`${neighbor.macAddress}-${neighbor.interfaceName}`} className="neighbor">
                <div className="neighbor-text">
                  <span className="neighbor-identity" title={neighbor.identity}>
                    {neighbor.identity || '(no identity)'}
                  </span>
                  <span
                    className="neighbor-detail mono"
                    title={`${neighbor.address} · ${neighbor.macAddress}`}
                  >
                    {neighbor.address} · {neighbor.macAddress}
                  </span>
                  <span
                    className="neighbor-detail"
                    title={`${neighbor.board} · RouterOS ${neighbor.version}`}
                  >
                    {[neighbor.board, neighbor.version && `RouterOS ${neighbor.version}`]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </div>
                <IconButton
                  label={`Add ${neighbor.identity || neighbor.address} as a site`}
                  icon="plus"
                  size="small"
                  variant="secondary"
                  onClick={() => addAsSite(neighbor)}
                />
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

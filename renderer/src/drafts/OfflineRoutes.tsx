import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';
import { type RouteKey, routeKeyOf, type SiteSnapshot } from '../../../shared/drafts/draft';
import { draftedRoutes } from '../../../shared/drafts/draft-plan';
import { flagLetters, hasFlag, type Route } from '../../../shared/routes/route';
import { routeFormSchema } from '../../../shared/routes/route-form';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Dialog } from '../components/Dialog';
import { TextField } from '../components/Field';
import { useFormSubmit } from '../components/use-form-submit';
import { invoke } from '../ipc/client';
import { selectDraft, useDraftsStore } from './drafts-store';
import '../components/data-table.css';
import './drafts.css';

const columns = ['Flags', 'Dst. Address', 'Gateway', 'Distance', 'Routing Table', 'Comment'] as const;

type Field = 'distance' | 'gateway' | 'comment';
const fields: { field: Field; label: string }[] = [
  { field: 'distance', label: 'Distance' },
  { field: 'gateway', label: 'Gateway' },
  { field: 'comment', label: 'Comment' },
];

/**
 * IP → Routes offline: the snapshot's routes with the draft's values in, edited ones marked.
 * Double-click or Enter opens a route; what is changed goes into the draft, not to the router.
 */
export function OfflineRoutes({ siteId, snapshot }: { siteId: string; snapshot: SiteSnapshot }) {
  const items = useDraftsStore(selectDraft(siteId))?.items;
  const rows = useMemo(
    () => draftedRoutes(snapshot.routes, items && { siteId, baseTakenAt: snapshot.takenAt, items }),
    [snapshot, items, siteId],
  );
  const [selected, setSelected] = useState(0);
  const [editing, setEditing] = useState<Route | null>(null);
  const body = useRef<HTMLTableSectionElement>(null);

  const select = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setSelected(next);
    body.current?.querySelectorAll<HTMLElement>('tr')[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    if (event.key in moves) select(selected + (moves[event.key] ?? 0));
    else if (event.key === 'Home') select(0);
    else if (event.key === 'End') select(rows.length - 1);
    else if (event.key === 'Enter' && rows[selected]) setEditing(rows[selected].route);
    else return;
    event.preventDefault();
  };

  return (
    <div className="site-tab-page">
      <div className="offline-routes">
        {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: WAI-ARIA's data grid: a table the keyboard moves through */}
        <table className="data-table" role="grid" aria-label="Routes" onKeyDown={onKeyDown}>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody ref={body}>
            {rows.map(({ route, edited }, index) => (
              <tr
                key={route.id}
                tabIndex={index === selected ? 0 : -1}
                aria-selected={index === selected}
                onClick={() => setSelected(index)}
                onDoubleClick={() => setEditing(route)}
              >
                <td className="mono">{flagLetters(route.flags)}</td>
                <td className="mono">{route.dstAddress}</td>
                <td className={edited.includes('gateway') ? 'mono edited' : 'mono'}>{route.gateway}</td>
                <td className={edited.includes('distance') ? 'mono edited' : 'mono'}>{route.distance}</td>
                <td>{route.routingTable}</td>
                <td className={edited.includes('comment') ? 'edited' : undefined}>{route.comment}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing && (
        <DraftRouteDialog
          siteId={siteId}
          route={editing}
          original={routeKeyOf(snapshot.routes.find((each) => each.id === editing.id) ?? editing)}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}

/** The route dialog offline: what OK keeps goes into the draft. Dynamic routes only show. */
function DraftRouteDialog({
  siteId,
  route,
  original,
  onClose,
}: {
  siteId: string;
  route: Route;
  /** The route as the snapshot has it: how the draft finds it. */
  original: RouteKey;
  onClose(): void;
}) {
  const formId = useId();
  const locked = hasFlag(route, 'dynamic');
  const shown: Record<Field, string> = {
    distance: String(route.distance),
    gateway: route.gateway,
    comment: route.comment,
  };
  const [values, setValues] = useState(shown);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const { busy, failure, submit } = useFormSubmit(async () => {
    const found: Partial<Record<Field, string>> = {};
    const changes: { distance?: number; gateway?: string; comment?: string } = {};
    for (const { field } of fields) {
      if (values[field] === shown[field]) continue;
      const parsed = routeFormSchema.shape[field].safeParse(values[field]);
      if (parsed.success) Object.assign(changes, { [field]: parsed.data });
      else found[field] = parsed.error.issues[0]?.message;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return false;
    if (Object.keys(changes).length > 0)
      await invoke('drafts.editRoute', { siteId, route: original, changes });
    return true;
  }, onClose);

  return (
    <Dialog
      open
      width="small"
      title={`Route ${route.dstAddress}`}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          {!locked && (
            <Button type="submit" form={formId} variant="primary" busy={busy}>
              OK
            </Button>
          )}
        </>
      }
    >
      <form id={formId} noValidate onSubmit={submit}>
        <Banner tone={locked ? 'warning' : 'info'}>
          {locked
            ? 'A dynamic route: the router makes it, so it cannot be changed here.'
            : 'Offline: OK keeps the change in the site’s draft. Nothing is sent until you apply the draft.'}
        </Banner>
        {failure && <Banner tone="error">{failure}</Banner>}
        {fields.map(({ field, label }) => (
          <TextField
            key={field}
            label={label}
            value={values[field]}
            error={errors[field]}
            disabled={locked}
            inputMode={field === 'distance' ? 'numeric' : undefined}
            onChange={(event) => {
              setValues({ ...values, [field]: event.target.value });
              setErrors({ ...errors, [field]: undefined });
            }}
          />
        ))}
      </form>
    </Dialog>
  );
}

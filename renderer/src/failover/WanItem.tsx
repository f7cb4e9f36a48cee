import type { DraggableAttributes, DraggableSyntheticListeners } from '@dnd-kit/core';
import type { CSSProperties, ReactNode, Ref } from 'react';
import type { WanStatus } from '../../../shared/failover/setup';
import { priorityLabel } from '../../../shared/failover/wan';
import { Badge } from '../components/Badge';
import { classes, IconButton } from '../components/Button';
import { routerVerdict, stateBadges, wanRoute } from './wan-text';

/** What dnd-kit hands a sortable item: its node, its drag handle, and where it is being dragged. */
export interface DragBindings {
  setNodeRef: Ref<HTMLLIElement>;
  setActivatorNodeRef: Ref<HTMLButtonElement>;
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
  style: CSSProperties;
  dragging: boolean;
}

export interface WanItemProps {
  wan: number;
  /** Where it stands in the list on screen (1 = primary), pending reorder included. */
  priority: number;
  /** On the router; absent for a WAN not configured yet. */
  status?: WanStatus;
  editable: boolean;
  /** False while a reorder is pending: one change at a time. */
  configurable: boolean;
  /** Moved from where the router has it: part of the pending reorder. */
  moved: boolean;
  drag?: DragBindings;
  onMoveUp?: () => void;
  onMoveDown?: () => void;
  onConfigure(): void;
  onRemove?: () => void;
  /** This WAN's live readout from monitoring, beside its details. */
  monitor?: ReactNode;
}

/** One WAN in the priority list: its rank and name, how it leaves, its state, and what can be done. */
export function WanItem({
  wan,
  priority,
  status,
  editable,
  configurable,
  moved,
  drag,
  onMoveUp,
  onMoveDown,
  onConfigure,
  onRemove,
  monitor,
}: WanItemProps) {
  const name = `WAN ${wan}`;
  const badge = stateBadges[status?.state ?? 'unconfigured'];
  return (
    <li
      ref={drag?.setNodeRef}
      style={drag?.style}
      aria-label={name}
      className={classes(
        'wan-item',
        drag?.dragging && 'wan-item-dragging',
        !status && 'wan-item-unconfigured',
      )}
    >
      <IconButton
        ref={drag?.setActivatorNodeRef}
        icon="grip"
        label={`Drag ${name}`}
        className="wan-drag"
        disabled={!drag || !editable}
        {...drag?.attributes}
        {...drag?.listeners}
      />
      <span className={classes('wan-rank', priority === 1 && 'wan-rank-primary')} aria-hidden="true">
        {priority}
      </span>
      <div className="wan-main">
        <div className="wan-title">
          <span className="wan-name">{name}</span>
          {status?.name && <span className="wan-link-name">{status.name}</span>}
          <span className="wan-priority">{priorityLabel(priority)}</span>
          {moved && <Badge tone="info">Moved</Badge>}
        </div>
        <div className="wan-route" title={wanRoute(status)}>
          {wanRoute(status)}
        </div>
        {routerVerdict(status) && <div className="wan-verdict muted">{routerVerdict(status)}</div>}
      </div>
      {monitor && <div className="wan-monitor">{monitor}</div>}
      <span className="wan-state" title={badge.hint}>
        <Badge tone={badge.tone}>{badge.label}</Badge>
      </span>
      <div className="wan-actions">
        <IconButton icon="arrow-up" label="Move up" disabled={!editable || !onMoveUp} onClick={onMoveUp} />
        <IconButton
          icon="arrow-down"
          label="Move down"
          disabled={!editable || !onMoveDown}
          onClick={onMoveDown}
        />
        <IconButton
          icon="gear"
          label={`Configure ${name}`}
          disabled={!editable || !configurable}
          onClick={onConfigure}
        />
        {onRemove && (
          <IconButton icon="trash" label={`Remove ${name}`} disabled={!editable} onClick={onRemove} />
        )}
      </div>
    </li>
  );
}

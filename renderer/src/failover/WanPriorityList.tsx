import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  type UniqueIdentifier,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { ReactNode } from 'react';
import type { WanStatus } from '../../../shared/failover/setup';
import { priorityLabel } from '../../../shared/failover/wan';
import { WanItem, type WanItemProps } from './WanItem';

export interface WanPriorityListProps {
  /** Configured WANs in the order on screen (the pending one while a reorder is arranged). */
  order: number[];
  /** The router's order, to mark what moved. */
  routerOrder: number[];
  statuses: WanStatus[];
  /**
   * WANs outside the priority order, below it: not configured yet, or incomplete on the router.
   * Configuring one puts it in the order.
   */
  unordered: number[];
  editable: boolean;
  /** False while a reorder is pending. */
  configurable: boolean;
  onReorder(order: number[]): void;
  onConfigure(wan: number): void;
  onRemoveSlot(wan: number): void;
  /** Per-WAN live monitoring, rendered inside each configured WAN's row. */
  renderMonitor?: (status: WanStatus) => ReactNode;
}

const wanName = (id: UniqueIdentifier | undefined) => `WAN ${id}`;

function announcements(order: number[]): Announcements {
  const at = (id: UniqueIdentifier | undefined) => {
    const priority = order.indexOf(Number(id)) + 1;
    return `priority ${priority}, ${priorityLabel(priority)}`;
  };
  return {
    onDragStart: ({ active }) => `Picked up ${wanName(active.id)}, at ${at(active.id)}.`,
    onDragOver: ({ active, over }) => (over ? `${wanName(active.id)} is over ${at(over.id)}.` : undefined),
    onDragEnd: ({ active, over }) =>
      over
        ? `${wanName(active.id)} dropped at ${at(over.id)}. Apply it, or cancel, under Confirm Priority.`
        : `${wanName(active.id)} dropped where it was.`,
    onDragCancel: ({ active }) => `Moving ${wanName(active.id)} was cancelled.`,
  };
}

const screenReaderInstructions = {
  draggable:
    'To change the priority, press Space to pick this WAN up, move it with the arrow keys, and press Space again to drop it. Escape cancels.',
};

function SortableWan(props: Omit<WanItemProps, 'drag'>) {
  const sortable = useSortable({ id: props.wan, disabled: !props.editable });
  return (
    <WanItem
      {...props}
      drag={{
        setNodeRef: sortable.setNodeRef,
        setActivatorNodeRef: sortable.setActivatorNodeRef,
        attributes: sortable.attributes,
        listeners: sortable.listeners,
        style: { transform: CSS.Translate.toString(sortable.transform), transition: sortable.transition },
        dragging: sortable.isDragging,
      }}
    />
  );
}

/**
 * The guide's priority list: drag a WAN by its handle with the mouse, or pick it up with Space and
 * move it with the arrows; or use Move up / Move down. Every move only rearranges the list on
 * screen, so several can be made before one Confirm Priority.
 */
export function WanPriorityList({
  order,
  routerOrder,
  statuses,
  unordered,
  editable,
  configurable,
  onReorder,
  onConfigure,
  onRemoveSlot,
  renderMonitor,
}: WanPriorityListProps) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const move = (from: number, to: number) => onReorder(arrayMove(order, from, to));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    move(order.indexOf(Number(active.id)), order.indexOf(Number(over.id)));
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{ announcements: announcements(order), screenReaderInstructions }}
    >
      <SortableContext items={order} strategy={verticalListSortingStrategy}>
        <ul className="wan-list" aria-label="WAN priority">
          {order.map((wan, index) => {
            const status = statuses.find((candidate) => candidate.wan === wan);
            return (
              <SortableWan
                key={wan}
                wan={wan}
                priority={index + 1}
                status={status}
                editable={editable}
                configurable={configurable}
                moved={routerOrder.indexOf(wan) !== index}
                onMoveUp={index > 0 ? () => move(index, index - 1) : undefined}
                onMoveDown={index < order.length - 1 ? () => move(index, index + 1) : undefined}
                onConfigure={() => onConfigure(wan)}
                monitor={status && renderMonitor?.(status)}
              />
            );
          })}
          {unordered.map((wan, index) => {
            const status = statuses.find((candidate) => candidate.wan === wan);
            const removable = !status && unordered.length + order.length > 2;
            return (
              <WanItem
                key={wan}
                wan={wan}
                priority={order.length + index + 1}
                status={status}
                editable={editable}
                configurable={configurable}
                moved={false}
                onConfigure={() => onConfigure(wan)}
                onRemove={removable ? () => onRemoveSlot(wan) : undefined}
              />
            );
          })}
        </ul>
      </SortableContext>
    </DndContext>
  );
}

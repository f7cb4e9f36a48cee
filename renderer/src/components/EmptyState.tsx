import type { ReactNode } from 'react';
import { classes } from './Button';
import { Icon, type IconName } from './Icon';
import './empty-state.css';

/** What a pane shows when it has nothing yet: what this place is for, and the way to fill it. */
export function EmptyState({
  title,
  icon,
  children,
  action,
  compact = false,
}: {
  title: string;
  icon?: IconName;
  children?: ReactNode;
  action?: ReactNode;
  /** For narrow places such as the sidebar. */
  compact?: boolean;
}) {
  return (
    <div className={classes('empty-state', compact && 'empty-state-compact')}>
      {icon && (
        <span className="empty-state-icon">
          <Icon name={icon} size={compact ? 20 : 28} />
        </span>
      )}
      <p className="empty-state-title">{title}</p>
      {children && <div className="empty-state-body">{children}</div>}
      {action && <div className="empty-state-action">{action}</div>}
    </div>
  );
}

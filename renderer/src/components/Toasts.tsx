import { useNoticesStore } from '../stores/notices-store';
import { classes, IconButton } from './Button';
import { Icon } from './Icon';
import './toasts.css';

/**
 * Passing news in the window's corner (a grant about to expire, a rollback the router ran). Errors
 * interrupt assistive technology and stay until dismissed; the rest are polite and fade.
 */
export function Toasts() {
  const notices = useNoticesStore((s) => s.notices);
  const dismiss = useNoticesStore((s) => s.dismiss);
  return (
    <section className="toasts" aria-label="Notifications">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={classes('toast', `toast-${notice.level}`)}
          role={notice.level === 'error' ? 'alert' : 'status'}
        >
          <span className="toast-icon">
            <Icon name={notice.level} />
          </span>
          <div className="toast-text">
            {notice.title && <div className="toast-title">{notice.title}</div>}
            <div>{notice.message}</div>
          </div>
          <IconButton label="Dismiss" icon="close" size="small" onClick={() => dismiss(notice.id)} />
        </div>
      ))}
    </section>
  );
}

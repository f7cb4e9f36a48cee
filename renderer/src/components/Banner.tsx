import type { ReactNode } from 'react';
import { classes } from './Button';
import { Icon, type IconName } from './Icon';
import './banner.css';

export type BannerTone = 'info' | 'warning' | 'error';

const icons: Record<BannerTone, IconName> = { info: 'info', warning: 'warning', error: 'error' };

export interface BannerProps {
  tone: BannerTone;
  /** The one-line gist, in bold; `children` add the detail and the next step. */
  title?: ReactNode;
  children?: ReactNode;
  /** Buttons for the next step, at the banner's end. */
  actions?: ReactNode;
  /** An error interrupts (alert); info and warnings wait their turn (status). */
  live?: 'alert' | 'status' | 'none';
  /** Full-bleed strip (app edge) instead of a card inside content. */
  flush?: boolean;
  className?: string;
}

export function Banner({ tone, title, children, actions, live, flush = false, className }: BannerProps) {
  const role = live ?? (tone === 'error' ? 'alert' : 'status');
  return (
    <div
      className={classes('banner', `banner-${tone}`, flush && 'banner-flush', className)}
      role={role === 'none' ? undefined : role}
    >
      <span className="banner-icon">
        <Icon name={icons[tone]} />
      </span>
      <div className="banner-text">
        {title && <div className="banner-title">{title}</div>}
        {children && <div className="banner-body">{children}</div>}
      </div>
      {actions && <div className="banner-actions">{actions}</div>}
    </div>
  );
}

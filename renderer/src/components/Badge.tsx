import type { ReactNode } from 'react';
import { classes } from './Button';
import './badge.css';

export type Tone = 'neutral' | 'busy' | 'ok' | 'warning' | 'error' | 'info';

/** A short label in a tinted pill: "Demo", "Read-only", "Time left 12:30". */
export function Badge({
  tone = 'neutral',
  className,
  children,
}: {
  tone?: Tone;
  className?: string;
  children: ReactNode;
}) {
  return <span className={classes('badge', `tone-${tone}`, className)}>{children}</span>;
}

/**
 * A coloured dot followed by its meaning in words: colour alone never carries the status. `busy`
 * pulses (unless the OS asks for reduced motion) for states that are still changing.
 */
export function StatusDot({ tone, label, className }: { tone: Tone; label?: string; className?: string }) {
  return (
    <span className={classes('status', className)}>
      <span className={classes('status-dot', `tone-${tone}`)} aria-hidden="true" />
      {label !== undefined && <span className="status-label">{label}</span>}
    </span>
  );
}

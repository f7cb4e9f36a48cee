import type { ComponentPropsWithRef } from 'react';
import { Icon, type IconName } from './Icon';
import './button.css';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

export interface ButtonProps extends ComponentPropsWithRef<'button'> {
  variant?: ButtonVariant;
  size?: 'normal' | 'small';
  icon?: IconName;
  /** A request is in flight: the button stays put (no layout shift) but cannot be pressed again. */
  busy?: boolean;
}

export function Button({
  variant = 'secondary',
  size = 'normal',
  icon,
  busy = false,
  className,
  type = 'button',
  disabled,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      className={classes('button', `button-${variant}`, size === 'small' && 'button-small', className)}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {icon && <Icon name={icon} size={size === 'small' ? 14 : 16} />}
      {children}
    </button>
  );
}

export interface IconButtonProps extends Omit<ComponentPropsWithRef<'button'>, 'children' | 'aria-label'> {
  /** The accessible name, also shown as the tooltip: an icon alone says nothing to a screen reader. */
  label: string;
  icon: IconName;
  variant?: ButtonVariant;
  size?: 'normal' | 'small';
}

export function IconButton({
  label,
  icon,
  variant = 'ghost',
  size = 'normal',
  className,
  type = 'button',
  ...rest
}: IconButtonProps) {
  return (
    <button
      type={type}
      aria-label={label}
      title={label}
      className={classes(
        'button',
        'icon-button',
        `button-${variant}`,
        size === 'small' && 'button-small',
        className,
      )}
      {...rest}
    >
      <Icon name={icon} size={size === 'small' ? 14 : 16} />
    </button>
  );
}

/** Joins class names, skipping the false and empty ones. */
export function classes(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}

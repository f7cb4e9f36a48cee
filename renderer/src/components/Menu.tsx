import { type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { classes } from './Button';
import { Icon, type IconName } from './Icon';
import './menu.css';

export interface MenuItem {
  label: string;
  icon?: IconName;
  onSelect(): void;
  disabled?: boolean;
  danger?: boolean;
  /** Shown right-aligned, e.g. "Enter", "Del". */
  shortcut?: string;
  /** Set: a checkbox item (a column shown or not), ticked when true. */
  checked?: boolean;
}

const itemSelector = '[role="menuitem"], [role="menuitemcheckbox"]';

export interface MenuProps {
  /** Names the menu, e.g. "Actions for Demo router". */
  label: string;
  items: readonly MenuItem[];
  /** Viewport coordinates of the pointer, or of the element the menu belongs to. */
  position: { x: number; y: number };
  /** Closing hands focus back to this element (the menu's trigger). */
  returnFocus?: HTMLElement | null;
  onClose(): void;
}

/**
 * A context menu (role menu): arrow keys, Home/End and first letters move, Enter/Space choose,
 * Escape and Tab close; a click outside closes it. It keeps within the window.
 */
export function Menu({ label, items, position, returnFocus, onClose }: MenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [placed, setPlaced] = useState(position);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const returnFocusRef = useRef(returnFocus);
  returnFocusRef.current = returnFocus;

  useLayoutEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    const { width, height } = menu.getBoundingClientRect();
    setPlaced({
      x: Math.max(4, Math.min(position.x, window.innerWidth - width - 4)),
      y: Math.max(4, Math.min(position.y, window.innerHeight - height - 4)),
    });
    [...menu.querySelectorAll<HTMLElement>(itemSelector)]
      .find((item) => item.getAttribute('aria-disabled') !== 'true')
      ?.focus();
  }, [position]);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      // A press on the trigger is left to the trigger, which toggles the menu itself.
      if (!ref.current?.contains(target) && !returnFocusRef.current?.contains(target)) onCloseRef.current();
    };
    const onBlur = () => onCloseRef.current();
    document.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('blur', onBlur);
    window.addEventListener('resize', onBlur);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('resize', onBlur);
    };
  }, []);

  const close = () => {
    returnFocus?.focus();
    onClose();
  };

  const choose = (item: MenuItem) => {
    if (item.disabled) return;
    // Focus goes back first, so a dialog the item opens returns focus to the trigger, not to nothing.
    close();
    item.onSelect();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const enabled = [...event.currentTarget.querySelectorAll<HTMLElement>(itemSelector)].filter(
      (element) => element.getAttribute('aria-disabled') !== 'true',
    );
    const index = enabled.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => enabled[(to + enabled.length) % enabled.length]?.focus();
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(enabled.length - 1);
    else if (event.key === 'Escape' || event.key === 'Tab') close();
    else if (event.key.length === 1 && /\S/.test(event.key)) {
      const letter = event.key.toLowerCase();
      const match = enabled.find(
        (element, i) => i > index && element.textContent?.toLowerCase().startsWith(letter),
      );
      (match ?? enabled.find((element) => element.textContent?.toLowerCase().startsWith(letter)))?.focus();
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div
      ref={ref}
      role="menu"
      aria-label={label}
      className="menu"
      style={{ left: placed.x, top: placed.y }}
      onKeyDown={onKeyDown}
    >
      {items.map((item) => (
        // biome-ignore lint/a11y/noStaticElementInteractions: the role is menuitem or menuitemcheckbox, both interactive
        // biome-ignore lint/a11y/useAriaPropsSupportedByRole: aria-checked is set only on a menuitemcheckbox
        <div
          key={item.label}
          role={item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
          aria-checked={item.checked}
          tabIndex={-1}
          aria-disabled={item.disabled || undefined}
          className={classes('menu-item', item.danger && 'menu-item-danger')}
          onClick={() => choose(item)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              event.stopPropagation();
              choose(item);
            }
          }}
        >
          <span className="menu-item-icon">
            {item.checked ? (
              <Icon name="check" size={14} />
            ) : (
              item.icon && <Icon name={item.icon} size={14} />
            )}
          </span>
          <span className="menu-item-label">{item.label}</span>
          {item.shortcut && <kbd className="menu-item-shortcut">{item.shortcut}</kbd>}
        </div>
      ))}
    </div>
  );
}

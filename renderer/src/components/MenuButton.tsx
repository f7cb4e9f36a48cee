import { useRef, useState } from 'react';
import { Button } from './Button';
import type { IconName } from './Icon';
import { Menu, type MenuItem } from './Menu';

export interface MenuButtonProps {
  label: string;
  icon?: IconName;
  /** The menu's accessible name. */
  menuLabel: string;
  /** Built when the menu opens, so it shows the state of that moment. */
  items(): readonly MenuItem[];
}

/** A toolbar button that opens a menu under itself, and takes focus back when it closes. */
export function MenuButton({ label, icon, menuLabel, items }: MenuButtonProps) {
  const button = useRef<HTMLButtonElement>(null);
  const [at, setAt] = useState<{ x: number; y: number } | null>(null);
  return (
    <>
      <Button
        ref={button}
        size="small"
        icon={icon}
        aria-haspopup="menu"
        aria-expanded={at !== null}
        onClick={() => {
          const box = button.current?.getBoundingClientRect();
          setAt(at ? null : { x: box?.left ?? 0, y: box?.bottom ?? 0 });
        }}
      >
        {label}
      </Button>
      {at && (
        <Menu
          label={menuLabel}
          items={items()}
          position={at}
          returnFocus={button.current}
          onClose={() => setAt(null)}
        />
      )}
    </>
  );
}

import { type ComponentPropsWithRef, type ReactNode, useId } from 'react';
import { classes } from './Button';
import './field.css';

type CheckboxProps = Omit<ComponentPropsWithRef<'input'>, 'type' | 'id'> & {
  label: string;
  hint?: ReactNode;
};

export function Checkbox({ label, hint, className, ...input }: CheckboxProps) {
  const id = useId();
  return (
    <div className={classes('choice', className)}>
      <input type="checkbox" id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <div id={`${id}-hint`} className="field-hint choice-hint">
          {hint}
        </div>
      )}
    </div>
  );
}

export interface RadioGroupProps<V extends string> {
  /** The group's name (its legend). */
  label: string;
  options: readonly { value: V; label: string }[];
  value: V;
  onChange(value: V): void;
  className?: string;
}

/** Native radios in a fieldset: arrow keys move between them, the legend names the group. */
export function RadioGroup<V extends string>({
  label,
  options,
  value,
  onChange,
  className,
}: RadioGroupProps<V>) {
  const name = useId();
  return (
    <fieldset className={classes('field', 'radio-group', className)}>
      <legend className="field-label">{label}</legend>
      <div className="radio-group-options">
        {options.map((option) => (
          <label key={option.value} className="radio">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

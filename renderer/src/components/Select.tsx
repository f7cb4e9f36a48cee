import type { ComponentPropsWithRef } from 'react';
import { Field, type FieldProps } from './Field';

export interface SelectOption<V extends string> {
  value: V;
  label: string;
}

export interface SelectProps<V extends string>
  extends Omit<ComponentPropsWithRef<'select'>, 'id' | 'value' | 'onChange' | 'children'>,
    Omit<FieldProps, 'children'> {
  options: readonly SelectOption<V>[];
  value: V;
  onChange(value: V): void;
}

/** A labelled native select: the OS's own popup, keyboard behaviour and screen reader support. */
export function Select<V extends string>({
  label,
  error,
  hint,
  className,
  options,
  value,
  onChange,
  ...select
}: SelectProps<V>) {
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      {(control) => (
        <select
          className="input select"
          value={value}
          onChange={(event) => onChange(event.target.value as V)}
          {...select}
          {...control}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

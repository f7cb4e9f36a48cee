import { type ComponentPropsWithRef, type ReactNode, useId } from 'react';
import { classes } from './Button';
import './field.css';

/** What a Field hands its control so label, hint and error are wired to it. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export interface FieldProps {
  label: string;
  /** Shown under the control in the danger colour; marks the control invalid. */
  error?: string;
  /** Quiet help under the control (e.g. "Leave blank to keep the stored password"). */
  hint?: ReactNode;
  className?: string;
  children(control: FieldControlProps): ReactNode;
}

/**
 * The one labelled form row. The label names the control; the hint and the error describe it
 * (aria-describedby), and an error sets aria-invalid, so a screen reader hears all three.
 */
export function Field({ label, error, hint, className, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={classes('field', error && 'field-invalid', className)}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {hint && (
        <div id={hintId} className="field-hint">
          {hint}
        </div>
      )}
      {error && (
        <div id={errorId} className="field-error">
          {error}
        </div>
      )}
    </div>
  );
}

type TextFieldProps = Omit<ComponentPropsWithRef<'input'>, 'id'> & Omit<FieldProps, 'children'>;

export function TextField({ label, error, hint, className, ...input }: TextFieldProps) {
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      {(control) => <input className="input" {...input} {...control} />}
    </Field>
  );
}

type TextAreaFieldProps = Omit<ComponentPropsWithRef<'textarea'>, 'id'> & Omit<FieldProps, 'children'>;

export function TextAreaField({ label, error, hint, className, ...textarea }: TextAreaFieldProps) {
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      {(control) => <textarea className="input textarea" {...textarea} {...control} />}
    </Field>
  );
}

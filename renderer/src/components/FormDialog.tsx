import { type FormEvent, type ReactNode, useId } from 'react';
import { Button } from './Button';
import { Dialog, type DialogProps } from './Dialog';

export interface FormDialogProps extends Pick<DialogProps, 'title' | 'onClose' | 'width'> {
  /** The submit button's words: OK, Save. */
  submitLabel: string;
  onSubmit(event: FormEvent<HTMLFormElement>): void;
  busy?: boolean;
  /** Nothing to submit yet, or nowhere to send it. */
  submitDisabled?: boolean;
  /** Buttons at the footer's start, away from Cancel and submit (Defaults). */
  leading?: ReactNode;
  /** The form's id, when its owner looks into it (to focus the first invalid field). */
  formId?: string;
  formClassName?: string;
  children: ReactNode;
}

/** A dialog that is one form: its fields, then Cancel and the submit button in the footer. */
export function FormDialog({
  title,
  onClose,
  width,
  submitLabel,
  onSubmit,
  busy,
  submitDisabled,
  leading,
  formId,
  formClassName,
  children,
}: FormDialogProps) {
  const ownId = useId();
  const id = formId ?? ownId;
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      {...(width && { width })}
      footer={
        <>
          {leading}
          <span className="spacer" />
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form={id} busy={busy} disabled={submitDisabled}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={id} className={formClassName} onSubmit={onSubmit} noValidate>
        {children}
      </form>
    </Dialog>
  );
}

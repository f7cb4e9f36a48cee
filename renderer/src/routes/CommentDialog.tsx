import { type FormEvent, useId, useState } from 'react';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Dialog } from '../components/Dialog';
import { TextField } from '../components/Field';
import { errorsFromFailure } from './route-form-text';

/** Winbox's comment window: one field, for the selected route. */
export function CommentDialog({
  initial,
  onSave,
  onClose,
}: {
  initial: string;
  onSave(comment: string): Promise<void>;
  onClose(): void;
}) {
  const formId = useId();
  const [comment, setComment] = useState(initial);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onSave(comment);
      onClose();
    } catch (reason) {
      setFailure(errorsFromFailure(reason).message);
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      width="small"
      title="Route Comment"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form={formId} variant="primary" busy={busy}>
            OK
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={submit}>
        {failure && <Banner tone="error">{failure}</Banner>}
        <TextField label="Comment" value={comment} onChange={(event) => setComment(event.target.value)} />
      </form>
    </Dialog>
  );
}

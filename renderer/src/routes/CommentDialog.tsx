import { useId, useState } from 'react';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Dialog } from '../components/Dialog';
import { TextField } from '../components/Field';
import { useFormSubmit } from '../components/use-form-submit';

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
  const { busy, failure, submit } = useFormSubmit(async () => {
    await onSave(comment);
    return true;
  }, onClose);

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

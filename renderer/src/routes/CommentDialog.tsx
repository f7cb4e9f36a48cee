import { useState } from 'react';
import { Banner } from '../components/Banner';
import { TextField } from '../components/Field';
import { FormDialog } from '../components/FormDialog';
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
  const [comment, setComment] = useState(initial);
  const { busy, failure, submit } = useFormSubmit(async () => {
    await onSave(comment);
    return true;
  }, onClose);

  return (
    <FormDialog
      title="Route Comment"
      width="small"
      onClose={onClose}
      submitLabel="OK"
      onSubmit={submit}
      busy={busy}
    >
      {failure && <Banner tone="error">{failure}</Banner>}
      <TextField label="Comment" value={comment} onChange={(event) => setComment(event.target.value)} />
    </FormDialog>
  );
}

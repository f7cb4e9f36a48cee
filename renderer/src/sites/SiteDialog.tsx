import { type FormEvent, useEffect, useId, useState } from 'react';
import { UplinkError } from '../../../shared/ipc/errors';
import { type GrantFields, parseGrant } from '../../../shared/sites/grant';
import { type Reach, type Transport, transportLabels, transports } from '../../../shared/sites/site';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Checkbox, RadioGroup } from '../components/Choice';
import { TextAreaField, TextField } from '../components/Field';
import { FormDialog } from '../components/FormDialog';
import { Select } from '../components/Select';
import { useSecretsStore } from '../stores/secrets-store';
import { type SiteEditor, useSiteDialogsStore } from '../stores/site-dialogs-store';
import { selectSite, useSitesStore } from '../stores/sites-store';
import {
  emptyForm,
  errorsFromMain,
  type FormErrors,
  formFromSite,
  passwordInClear,
  repointed,
  type SiteForm,
  toLocalInput,
  validateForm,
  withReach,
  withTransport,
} from './site-form';
import './site-dialog.css';

const grantFields: [keyof GrantFields, string][] = [
  ['address', 'Address'],
  ['port', 'Port'],
  ['user', 'User'],
  ['password', 'Password'],
  ['expiresAt', 'Expires'],
  ['readOnly', 'Read-only'],
];

const transportOptions = transports.map((value) => ({ value, label: transportLabels[value] }));
const reachOptions: { value: Reach; label: string }[] = [
  { value: 'direct', label: 'Direct' },
  { value: 'transient', label: 'Transient Access' },
];

/** The one site dialog, for adding and editing; mounted once, driven by the site-dialogs store. */
export function SiteDialog() {
  const editor = useSiteDialogsStore((s) => s.editor);
  const close = useSiteDialogsStore((s) => s.closeEditor);
  // A fresh form per opening: the key drops whatever the last one left behind.
  const key = editor
    ? editor.mode === 'edit'
      ? `edit-${editor.siteId}`
      : `add-${editor.seed?.address ?? ''}`
    : '';
  return editor ? <SiteDialogForm key={key} editor={editor} onClose={close} /> : null;
}

function SiteDialogForm({ editor, onClose }: { editor: SiteEditor; onClose(): void }) {
  const editing = editor.mode === 'edit' ? editor.siteId : null;
  const site = useSitesStore(selectSite(editing ?? ''));
  const createSite = useSitesStore((s) => s.create);
  const updateSite = useSitesStore((s) => s.update);
  const secrets = useSecretsStore((s) => s.info);
  const loadSecrets = useSecretsStore((s) => s.load);
  const formId = useId();

  const [form, setForm] = useState<SiteForm>(() =>
    site ? formFromSite(site) : emptyForm(editor.mode === 'add' ? editor.seed : undefined),
  );
  const [errors, setErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [grantText, setGrantText] = useState('');
  const [grantFilled, setGrantFilled] = useState<string[] | null>(null);

  useEffect(() => {
    if (secrets === null) void loadSecrets().catch(() => undefined);
  }, [secrets, loadSecrets]);

  const update = (next: SiteForm, touched: (keyof SiteForm)[]) => {
    setForm(next);
    // An error goes away once its field is edited; the rest wait for the next Save.
    if (touched.some((field) => errors[field])) {
      setErrors((current) => {
        const rest = { ...current };
        for (const field of touched) delete rest[field];
        return rest;
      });
    }
  };
  const text = (field: 'name' | 'address' | 'port' | 'user' | 'password' | 'expiresAt') => ({
    value: form[field],
    error: errors[field],
    onChange: (event: { target: { value: string } }) =>
      update({ ...form, [field]: event.target.value }, [field]),
  });

  const pasteGrant = (value: string) => {
    setGrantText(value);
    const grant = parseGrant(value);
    const filled = grantFields.filter(([field]) => grant[field] !== undefined);
    setGrantFilled(value.trim() === '' ? null : filled.map(([, label]) => label));
    const next = { ...form };
    if (grant.address !== undefined) next.address = grant.address;
    if (grant.port !== undefined) next.port = String(grant.port);
    if (grant.user !== undefined) next.user = grant.user;
    if (grant.password !== undefined) {
      next.password = grant.password;
      // A grant with an empty password means none: on edit that is said by clearing the stored one.
      next.clearPassword = editing !== null && grant.password === '';
    }
    if (grant.expiresAt !== undefined) next.expiresAt = toLocalInput(grant.expiresAt);
    if (grant.readOnly !== undefined) next.readOnly = grant.readOnly;
    update(next, ['address', 'port', 'user', 'password', 'clearPassword', 'expiresAt', 'readOnly']);
  };
  const grantHint =
    grantFilled === null
      ? 'Paste the grant as issued; its host, port, user, password and expiry fill the form.'
      : grantFilled.length > 0
        ? `Filled in: ${grantFilled.join(', ')}. Check them below.`
        : 'No grant details found in this text. Type them in below.';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = validateForm(form, editing ? 'edit' : 'add');
    if (!result.ok) {
      setErrors(result.errors);
      setFailure(null);
      focusFirstInvalid(formId);
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      if (editing) await updateSite(editing, result.input);
      else await createSite(result.input);
      onClose();
    } catch (error) {
      const fromMain = error instanceof UplinkError ? errorsFromMain(error.fields) : {};
      setErrors(fromMain);
      setFailure(error instanceof Error ? error.message : String(error));
      setSaving(false);
    }
  };

  if (editing && !site) return null;
  const transient = form.reach === 'transient';
  const stored = site?.hasPassword === true && !form.clearPassword;
  const passwordHint = [
    stored &&
      (repointed(form, site)
        ? 'A new address, port or transport clears the stored password: type it again to keep one.'
        : 'Leave blank to keep the stored password.'),
    secrets && !secrets.encrypted ? 'Stored on this computer without OS encryption.' : null,
  ].filter(Boolean);

  return (
    <FormDialog
      title={editing ? 'Edit site' : 'Add site'}
      onClose={onClose}
      submitLabel="Save"
      onSubmit={submit}
      busy={saving}
      formId={formId}
      formClassName="site-form"
    >
      {failure && (
        <Banner tone="error" title="The site was not saved">
          {failure}
        </Banner>
      )}
      <TextField label="Name" autoComplete="off" {...text('name')} />
      <RadioGroup
        label="Reached"
        options={reachOptions}
        value={form.reach}
        onChange={(reach) => update(withReach(form, reach), ['reach', 'transport', 'port'])}
      />
      {transient && (
        <fieldset className="site-form-grant">
          <legend className="visually-hidden">Transient Access grant</legend>
          <TextAreaField
            label="Paste grant"
            rows={3}
            spellCheck={false}
            value={grantText}
            placeholder={'Host: …\nPort: …\nUsername: …\nPassword: …\nExpires: …'}
            hint={grantHint}
            onChange={(event) => pasteGrant(event.target.value)}
          />
          <TextField label="Expires" type="datetime-local" step={1} {...text('expiresAt')} />
          <Checkbox
            label="Read-only"
            checked={form.readOnly}
            hint="Opens the site without any edit."
            onChange={(event) => update({ ...form, readOnly: event.target.checked }, ['readOnly'])}
          />
        </fieldset>
      )}
      <TextField
        label="Address"
        className="span-4"
        autoComplete="off"
        spellCheck={false}
        placeholder={transient ? 'The grant’s host' : '192.168.88.1'}
        {...text('address')}
      />
      <TextField label="Port" className="span-2" inputMode="numeric" {...text('port')} />
      <Select<Transport>
        label="Transport"
        className="span-2"
        options={transportOptions}
        value={form.transport}
        error={errors.transport}
        disabled={transient}
        hint={transient ? 'Grants are for SSH.' : undefined}
        onChange={(transport) => update(withTransport(form, transport), ['transport', 'port'])}
      />
      {!transient && passwordInClear(form) && (
        <Banner
          tone="warning"
          title="API sends the password unencrypted"
          actions={
            <>
              <Button
                size="small"
                onClick={() => update(withTransport(form, 'api-ssl'), ['transport', 'port'])}
              >
                Use API-SSL
              </Button>
              <Button size="small" onClick={() => update(withTransport(form, 'ssh'), ['transport', 'port'])}>
                Use SSH
              </Button>
            </>
          }
        >
          Anyone on the network between here and the router can read it. API-SSL and SSH encrypt the login.
        </Banner>
      )}
      <TextField label="User" className="span-4" autoComplete="off" spellCheck={false} {...text('user')} />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        placeholder={stored ? '••••••••' : undefined}
        hint={passwordHint.length > 0 ? passwordHint.join(' ') : undefined}
        disabled={form.clearPassword}
        {...text('password')}
      />
      {editing && site?.hasPassword && (
        <Checkbox
          label="Clear the stored password"
          checked={form.clearPassword}
          hint="Log in with no password, as a fresh RouterOS’s admin does."
          onChange={(event) =>
            update({ ...form, clearPassword: event.target.checked, password: '' }, [
              'clearPassword',
              'password',
            ])
          }
        />
      )}
    </FormDialog>
  );
}

function focusFirstInvalid(formId: string) {
  // After React has rendered the errors.
  requestAnimationFrame(() =>
    document.getElementById(formId)?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
  );
}

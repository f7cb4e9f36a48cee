// The site dialog's form state and its passage to a SiteInput. The form holds text as typed; the
// contract's own siteInputSchema decides what is valid, so the dialog and main never disagree.
import {
  defaultPorts,
  type Reach,
  type Site,
  type SiteFields,
  type SiteInput,
  siteInputSchema,
  type Transport,
} from '../../../shared/sites/site';
import type { SiteSeed } from '../stores/site-dialogs-store';

export interface SiteForm {
  name: string;
  address: string;
  port: string;
  transport: Transport;
  user: string;
  /** Write-only: blank on edit keeps the stored password, unless `clearPassword`. */
  password: string;
  /** Edit only: forget the stored password (log in with none), which a blank field cannot say. */
  clearPassword: boolean;
  reach: Reach;
  /** As a datetime-local input holds it: local time, `YYYY-MM-DDTHH:mm:ss`. */
  expiresAt: string;
  readOnly: boolean;
}

export type FormField = keyof SiteForm;
export type FormErrors = Partial<Record<FormField, string>>;

export function emptyForm(seed: SiteSeed = {}): SiteForm {
  return {
    name: seed.name ?? '',
    address: seed.address ?? '',
    port: String(defaultPorts.api),
    transport: 'api',
    user: 'admin',
    password: '',
    clearPassword: false,
    reach: 'direct',
    expiresAt: '',
    readOnly: false,
  };
}

export function formFromSite(site: Site): SiteForm {
  return {
    name: site.name,
    address: site.address,
    port: String(site.port),
    transport: site.transport,
    user: site.user,
    password: '',
    clearPassword: false,
    reach: site.reach,
    expiresAt: site.expiresAt ? toLocalInput(site.expiresAt) : '',
    readOnly: site.readOnly,
  };
}

/** A new transport brings its default port along, unless the port was set by hand. */
export function withTransport(form: SiteForm, transport: Transport): SiteForm {
  const portWasDefault = form.port.trim() === String(defaultPorts[form.transport]);
  return { ...form, transport, port: portWasDefault ? String(defaultPorts[transport]) : form.port };
}

/** Transient Access grants are issued for SSH, so choosing one switches the transport too. */
export function withReach(form: SiteForm, reach: Reach): SiteForm {
  const next = { ...form, reach };
  return reach === 'transient' && form.transport !== 'ssh' ? withTransport(next, 'ssh') : next;
}

/**
 * Main forgets a stored password when the site is re-pointed (see SiteStore.update): a password is
 * for one router, and must not be sent to whatever now answers at the new address.
 */
export function repointed(form: SiteForm, site: Site): boolean {
  return (
    form.address.trim() !== site.address ||
    form.port.trim() !== String(site.port) ||
    form.transport !== site.transport
  );
}

const loopback = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/i;

/** Plain API sends the password readable by anyone on the path; on loopback there is no path. */
export function passwordInClear(form: SiteForm): boolean {
  return form.transport === 'api' && !loopback.test(form.address.trim());
}

/**
 * The request for main, or the errors to show at each field. On edit a blank password is left out
 * (keep the stored one) unless the form says to clear it; on add it is sent, since RouterOS's admin
 * may have an empty password.
 */
export function validateForm(
  form: SiteForm,
  mode: 'add' | 'edit',
): { ok: true; input: SiteFields } | { ok: false; errors: FormErrors } {
  const transient = form.reach === 'transient';
  const input: SiteInput = {
    name: form.name,
    address: form.address,
    // Blank becomes undefined so the schema says "Enter a port number" rather than "from 1 to 65535".
    port: form.port.trim() === '' ? undefined : form.port.trim(),
    transport: form.transport,
    user: form.user,
    reach: form.reach,
    readOnly: transient && form.readOnly,
    ...(mode === 'edit' && form.clearPassword
      ? { password: '' }
      : mode === 'add' || form.password !== ''
        ? { password: form.password }
        : {}),
    ...(transient && form.expiresAt !== '' ? { expiresAt: fromLocalInput(form.expiresAt) } : {}),
  };
  const parsed = siteInputSchema.safeParse(input);
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: fieldErrors(parsed.error.issues) };
}

/** Main's per-field messages (keyed `name`, or `site.name` for an update) onto the form's fields. */
export function errorsFromMain(fields: Record<string, string> | undefined): FormErrors {
  return fieldErrors(
    Object.entries(fields ?? {}).map(([path, message]) => ({ path: path.split('.'), message })),
  );
}

const formFields = new Set<string>(Object.keys(emptyForm()));

function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const field = issue.path.map(String).find((part) => formFields.has(part)) as FormField | undefined;
    if (field) errors[field] ??= issue.message;
  }
  return errors;
}

/** ISO time → the local `YYYY-MM-DDTHH:mm:ss` a datetime-local input (step 1 s) shows. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 19);
}

function fromLocalInput(value: string): string | undefined {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

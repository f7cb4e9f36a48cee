// The route dialog's fields as typed text, and their passage through the shared routeFormSchema,
// so the dialog refuses exactly what main would refuse, before anything is sent.
import { UplinkError } from '../../../shared/ipc/errors';
import type { RouteFormField } from '../../../shared/routes/route-attrs';
import type { RouteFamily } from '../../../shared/routes/route-family';
import { familyIssues, type RouteForm, routeFormSchema } from '../../../shared/routes/route-form';

type BooleanField = 'disabled' | 'blackhole';
export type RouteFormText = { [K in Exclude<RouteFormField, BooleanField>]: string } & {
  [K in BooleanField]: boolean;
};
export type RouteFormErrors = Partial<Record<RouteFormField, string>>;

export function formText(form: RouteForm): RouteFormText {
  return {
    dstAddress: String(form.dstAddress),
    gateway: String(form.gateway),
    blackhole: Boolean(form.blackhole),
    prefSrc: String(form.prefSrc),
    checkGateway: String(form.checkGateway),
    distance: String(form.distance),
    scope: String(form.scope),
    targetScope: String(form.targetScope),
    routingTable: String(form.routingTable),
    comment: String(form.comment),
    disabled: Boolean(form.disabled),
  };
}

/** The dialog's text through the shared schema, then its table's family rules (as the contract checks them). */
export function validateRouteForm(
  text: RouteFormText,
  family: RouteFamily,
): { ok: true; form: RouteForm } | { ok: false; errors: RouteFormErrors } {
  const result = routeFormSchema.safeParse(text);
  const errors: RouteFormErrors = {};
  if (result.success) {
    for (const issue of familyIssues(result.data, family)) errors[issue.field] ??= issue.message;
    if (Object.keys(errors).length === 0) return { ok: true, form: text as unknown as RouteForm };
    return { ok: false, errors };
  }
  for (const issue of result.error.issues) {
    const field = issue.path[0] as RouteFormField;
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** A refusal from main or the router, pinned to its field when it names one (`route.distance`, or a trap's field). */
export function errorsFromFailure(error: unknown): { errors: RouteFormErrors; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof UplinkError)) return { errors: {}, message };
  const errors: RouteFormErrors = {};
  if (error.field) errors[error.field as RouteFormField] = error.message;
  for (const [path, text] of Object.entries(error.fields ?? {})) {
    const field = path.split('.')[1];
    if (field) errors[field as RouteFormField] ??= text;
  }
  return { errors, message };
}

/** Focus the first field marked invalid, after React has marked it. */
export function focusFirstInvalid(formId: string): void {
  requestAnimationFrame(() =>
    document.getElementById(formId)?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
  );
}

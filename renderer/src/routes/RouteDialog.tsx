import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { routeKeyOf } from '../../../shared/drafts/draft';
import type { ApplyResult } from '../../../shared/ipc/channels/apply';
import { describeDistanceHome, distanceHome } from '../../../shared/routes/distance-home';
import { hasFlag, type Route, routeFlags } from '../../../shared/routes/route';
import { routeToForm } from '../../../shared/routes/route-attrs';
import { checkGatewayMethods } from '../../../shared/routes/route-family';
import type { RouteForm } from '../../../shared/routes/route-form';
import { PlanDialog, type PlanView } from '../apply/PlanDialog';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Checkbox } from '../components/Choice';
import { Dialog } from '../components/Dialog';
import { TextField } from '../components/Field';
import { Select } from '../components/Select';
import { invoke } from '../ipc/client';
import { selectSession, useSessionsStore } from '../stores/sessions-store';
import { routeSafetyNetIntro } from './RoutePlanHost';
import {
  errorsFromFailure,
  focusFirstInvalid,
  formText,
  type RouteFormErrors,
  type RouteFormText,
  validateRouteForm,
} from './route-form-text';
import type { RouteTableKey } from './routes-view-store';

type CheckGateway = RouteForm['checkGateway'];
const checkGatewayNone = { value: '' as CheckGateway, label: 'none' };

/** RouterOS v7 has one route type besides unicast on /ip/route and /ipv6/route: `blackhole`. */
const typeOptions = [
  { value: 'unicast', label: 'unicast' },
  { value: 'blackhole', label: 'blackhole' },
] as const;

export type RouteEditor = { mode: 'edit'; route: Route } | { mode: 'new'; initial: RouteForm };

export interface RouteDialogProps {
  /** The site and the family: IPv6 routes have no Pref. Source and no ARP check. */
  table: RouteTableKey;
  editor: RouteEditor;
  /** The session is read-only: the dialog shows, nothing is offered to change. */
  readOnly: boolean;
  onClose(): void;
  /** A dynamic DHCP route: edit its distance where it lives, on the DHCP client (online only). */
  onEditDhcpClient?(route: Route): void;
  /**
   * Where an edit goes instead of the router (offline, the site's draft): the dialog then shows
   * the route as given rather than reading it fresh.
   */
  commit?(before: RouteForm, after: RouteForm): Promise<void>;
  /** Winbox's in-dialog buttons: Copy opens a new route with these values, Comment and Remove act
   * on this route as the table's own actions do (offline, into the draft). */
  onCopy?(form: RouteForm): void;
  onComment?(route: Route): void;
  onRemove?(route: Route): void;
}

/** The dialog's status line, as Winbox's: enabled or disabled, active or not, and where the route comes from. */
export function routeStatusLine(route: Route): string {
  const origin = routeFlags.find(
    (flag) =>
      ['static', 'connect', 'dhcp', 'bgp', 'ospf', 'rip', 'modem'].includes(flag.key) &&
      route.flags.includes(flag.key),
  );
  return [
    hasFlag(route, 'disabled') ? 'disabled' : 'enabled',
    hasFlag(route, 'active') ? 'active' : 'inactive',
    hasFlag(route, 'dynamic') ? 'dynamic' : undefined,
    origin?.label,
    hasFlag(route, 'blackhole') ? 'blackhole' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * Winbox's route window: every field of a route; OK applies and closes, Apply applies and stays,
 * Cancel leaves. Values are checked with the shared schema first (the field in error is marked,
 * nothing is sent); a refusal from the router is shown beside the field it names.
 */
export function RouteDialog({
  table,
  editor,
  readOnly,
  onClose,
  onEditDhcpClient,
  commit,
  onCopy,
  onComment,
  onRemove,
}: RouteDialogProps) {
  const formId = useId();
  const checkGatewayOptions = [
    checkGatewayNone,
    ...checkGatewayMethods[table.family].map((method) => ({
      value: method as CheckGateway,
      label: method,
    })),
  ];
  const route = editor.mode === 'edit' ? editor.route : undefined;
  const home = route ? distanceHome(route) : undefined;
  const locked = readOnly || (home !== undefined && home.kind !== 'static');
  const [before, setBefore] = useState<RouteForm>(() =>
    editor.mode === 'edit' ? routeToForm(editor.route) : editor.initial,
  );
  const [text, setText] = useState<RouteFormText>(() => formText(before));
  const [errors, setErrors] = useState<RouteFormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<'ok' | 'apply' | null>(null);
  const [applied, setApplied] = useState(false);
  /**
   * A default route's change waiting for its plan to be accepted (OK or Apply with what was typed,
   * or the Disable/Enable button): how its plan is read, how it is sent, and what follows.
   */
  const [planning, setPlanning] = useState<{
    /** What the result names when the router answers without a report of its own. */
    title: string;
    load(): Promise<PlanView>;
    send(commands: string[]): Promise<ApplyResult | null>;
    applied(): void;
  } | null>(null);
  const dirty = useRef(false);
  /** The route as last read from the router: what the status line and the Enable/Disable button show. */
  const [current, setCurrent] = useState<Route | undefined>(route);

  // The row may be a moment old: the dialog shows the router's current values unless already typed over.
  const offline = commit !== undefined;
  // The session dropped while the dialog was open: it stays, with what was typed, and offers the draft.
  const unreachable =
    useSessionsStore((s) => selectSession(table.siteId)(s)?.status !== 'online') && !offline;
  useEffect(() => {
    if (!route || offline) return;
    invoke('routes.get', { ...table, id: route.id }).then(
      (fresh) => {
        setCurrent(fresh);
        if (dirty.current) return;
        setBefore(routeToForm(fresh));
        setText(formText(routeToForm(fresh)));
      },
      () => undefined,
    );
  }, [table, route, offline]);

  const edit = <K extends keyof RouteFormText>(field: K, value: RouteFormText[K]) => {
    dirty.current = true;
    setApplied(false);
    setText((current) => ({ ...current, [field]: value }));
    if (errors[field]) setErrors(({ [field]: _, ...rest }) => rest);
  };
  const field = (
    name: Exclude<keyof RouteFormText, 'disabled' | 'blackhole' | 'checkGateway'>,
    options: { readOnly?: boolean } = {},
  ) => ({
    value: text[name],
    error: errors[name],
    readOnly: locked || options.readOnly,
    autoComplete: 'off',
    spellCheck: false,
    onChange: (event: { target: { value: string } }) => edit(name, event.target.value),
  });

  /** Sent: OK closes, Apply stays with what was sent as the new starting point. */
  const done = (form: RouteForm, close: boolean) => {
    if (close) return onClose();
    setBefore(form);
    setApplied(true);
    dirty.current = false;
  };

  const save = async (close: boolean, toDraft = false) => {
    const result = validateRouteForm(text, table.family);
    if (!result.ok) {
      setErrors(result.errors);
      setFailure(null);
      focusFirstInvalid(formId);
      return;
    }
    // A change that may move traffic or cut the session off (a default route, the route carrying
    // the session): outside Safe Mode main plans it, and the plan is shown before it is sent.
    const form = result.form;
    if (!commit && !toDraft) {
      const plan = () =>
        route
          ? invoke('routes.planUpdate', { ...table, id: route.id, before, route: form })
          : invoke('routes.planAdd', { ...table, route: form });
      let first: PlanView | null;
      try {
        first = await plan();
      } catch (error) {
        setFailure(error instanceof Error ? error.message : String(error));
        return;
      }
      if (first) {
        setPlanning({
          title: route ? `Route ${route.dstAddress}` : `New route ${form.dstAddress}`,
          load: async () => (await plan()) ?? { steps: [] },
          send: async (commands) => {
            if (route)
              return invoke('routes.update', { ...table, id: route.id, before, route: form, commands });
            await invoke('routes.add', { ...table, route: form, commands });
            return null;
          },
          applied: () => done(form, close),
        });
        return;
      }
    }
    setBusy(close ? 'ok' : 'apply');
    setFailure(null);
    try {
      if (commit) await commit(before, result.form);
      else if (toDraft && route)
        await invoke('drafts.editRoute', {
          ...table,
          route: routeKeyOf(route),
          before,
          after: result.form,
        });
      else if (route) await invoke('routes.update', { ...table, id: route.id, before, route: result.form });
      else await invoke('routes.add', { ...table, route: result.form });
      done(result.form, close);
    } catch (error) {
      const refused = errorsFromFailure(error);
      setErrors(refused.errors);
      setFailure(Object.keys(refused.errors).length > 0 ? null : refused.message);
      focusFirstInvalid(formId);
    } finally {
      setBusy(null);
    }
  };

  /** The route's Disabled as the router (or the draft) now has it, the form's starting point too. */
  const toggled = (disabled: boolean) => {
    setBefore((form) => ({ ...form, disabled }));
    setText((form) => ({ ...form, disabled }));
  };

  /**
   * Disable/Enable applies at once, as Winbox's button does, and leaves the dialog open; on a default
   * route outside Safe Mode its plan comes first, as the toolbar's Disable shows it.
   */
  const toggleDisabled = async () => {
    if (!current) return;
    const disabled = !hasFlag(current, 'disabled');
    setFailure(null);
    try {
      if (commit) {
        // Offline the draft takes it at once, as the router would online.
        await commit(before, { ...before, disabled });
        const flags = current.flags.filter((flag) => flag !== 'disabled');
        setCurrent({ ...current, flags: disabled ? ['disabled', ...flags] : flags });
        toggled(disabled);
        return;
      }
      const selection = { ...table, ids: [current.id] };
      const plan = () =>
        invoke('routes.planSelection', { ...selection, change: disabled ? 'disable' : 'enable' });
      const send = (commands?: string[]) =>
        invoke('routes.setDisabled', { ...selection, disabled, ...(commands && { commands }) });
      const refresh = async () => {
        setCurrent(await invoke('routes.get', { ...table, id: current.id }));
        toggled(disabled);
      };
      // A default route outside Safe Mode: its plan first, as the toolbar's Disable shows it.
      if (await plan()) {
        setPlanning({
          title: `Route ${current.dstAddress}`,
          load: async () => (await plan()) ?? { steps: [] },
          send,
          applied: () => void refresh().catch(() => undefined),
        });
        return;
      }
      await send();
      await refresh();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (locked) onClose();
    else if (!unreachable) void save(true);
  };

  return (
    <>
      {planning && (
        <PlanDialog
          title="Apply to the router?"
          intro={routeSafetyNetIntro}
          load={planning.load}
          send={async (commands) =>
            (await planning.send(commands)) ?? {
              outcome: 'applied',
              summary: planning.title,
              at: new Date().toISOString(),
            }
          }
          onApplied={() => {
            setPlanning(null);
            planning.applied();
          }}
          onLost={() => setPlanning(null)}
          onCancel={() => setPlanning(null)}
        />
      )}
      <Dialog
        open
        title={route ? `Route ${route.dstAddress}` : 'New Route'}
        onClose={onClose}
        footer={
          <>
            {current && !offline && (
              <output className="route-dialog-status" aria-label="Route status">
                {routeStatusLine(current)}
              </output>
            )}
            {applied && (
              <span className="route-dialog-applied" role="status">
                {offline ? 'Kept in the draft' : 'Applied'}
              </span>
            )}
            <Button onClick={onClose}>Cancel</Button>
            {!locked && (
              <Button
                onClick={() => void save(false)}
                busy={busy === 'apply'}
                disabled={busy !== null || unreachable}
              >
                Apply
              </Button>
            )}
            <Button
              type="submit"
              form={formId}
              variant="primary"
              busy={busy === 'ok'}
              disabled={busy === 'apply' || (unreachable && !locked)}
            >
              OK
            </Button>
          </>
        }
      >
        <form id={formId} className="route-form" noValidate onSubmit={submit}>
          {current && (
            // biome-ignore lint/a11y/useSemanticElements: a group of buttons, as Winbox's column beside the fields
            <div className="route-dialog-actions" role="group" aria-label="Route actions">
              <Button size="small" disabled={locked || unreachable} onClick={() => void toggleDisabled()}>
                {hasFlag(current, 'disabled') ? 'Enable' : 'Disable'}
              </Button>
              <Button
                size="small"
                disabled={locked || unreachable || !onComment}
                onClick={() => onComment?.(current)}
              >
                Comment
              </Button>
              <Button
                size="small"
                disabled={readOnly || !onCopy}
                onClick={() => onCopy?.(routeToForm(current))}
              >
                Copy
              </Button>
              <Button
                size="small"
                disabled={locked || unreachable || !onRemove}
                onClick={() => onRemove?.(current)}
              >
                Remove
              </Button>
            </div>
          )}
          {home && home.kind !== 'static' && (
            <Banner
              tone="info"
              title="Read-only: this route is dynamic"
              actions={
                home.kind === 'dhcp' &&
                !readOnly &&
                onEditDhcpClient && (
                  <Button size="small" icon="edit" onClick={() => route && onEditDhcpClient(route)}>
                    Edit DHCP Client Distance
                  </Button>
                )
              }
            >
              {describeDistanceHome(home)}
            </Banner>
          )}
          {readOnly && home?.kind === 'static' && (
            <Banner tone="info" title="Read-only session">
              This site is open read-only: routes can be looked at, not changed.
            </Banner>
          )}
          {offline && !locked && (
            <Banner tone="info" title="Offline">
              OK and Apply keep the change in this site’s draft; nothing reaches the router until the draft is
              applied.
            </Banner>
          )}
          {unreachable && !locked && (
            <Banner
              tone="warning"
              title="The router is unreachable"
              actions={
                route &&
                table.family === 'ip' && (
                  <Button size="small" busy={busy === 'ok'} onClick={() => void save(true, true)}>
                    Keep as offline edit
                  </Button>
                )
              }
            >
              What you typed stays here. Apply and OK work again as soon as Uplink reaches the router
              {route && table.family === 'ip'
                ? '; or keep it in this site’s draft, applied when you connect'
                : ''}
              .
            </Banner>
          )}
          {failure && (
            <Banner
              tone="error"
              title={offline ? 'The draft did not take the change' : 'The router refused the change'}
            >
              {failure}
            </Banner>
          )}
          <fieldset className="route-form-group">
            <legend>General</legend>
            <TextField
              label="Dst. Address"
              className="route-form-wide"
              data-autofocus
              {...field('dstAddress')}
            />
            <Select
              label="Type"
              options={typeOptions}
              value={text.blackhole ? 'blackhole' : 'unicast'}
              error={errors.blackhole}
              disabled={locked}
              onChange={(value) => edit('blackhole', value === 'blackhole')}
            />
            <TextField
              label="Gateway"
              className="route-form-span"
              hint={
                text.blackhole
                  ? 'Not used: a blackhole route drops what it matches'
                  : 'Several, comma-separated: ECMP'
              }
              {...field('gateway', { readOnly: text.blackhole })}
            />
            <Select
              label="Check Gateway"
              options={checkGatewayOptions}
              value={text.checkGateway as CheckGateway}
              error={errors.checkGateway}
              disabled={locked}
              onChange={(value) => edit('checkGateway', value)}
            />
            <TextField label="Distance" inputMode="numeric" {...field('distance')} />
            <TextField label="Scope" inputMode="numeric" {...field('scope')} />
            <TextField label="Target Scope" inputMode="numeric" {...field('targetScope')} />
            <TextField label="Routing Table" {...field('routingTable')} />
            {table.family === 'ip' && <TextField label="Pref. Source" {...field('prefSrc')} />}
          </fieldset>
          <TextField label="Comment" className="route-form-wide" {...field('comment')} />
          <Checkbox
            label="Disabled"
            checked={text.disabled}
            disabled={locked}
            onChange={(event) => edit('disabled', event.target.checked)}
          />
        </form>
      </Dialog>
    </>
  );
}

import { useEffect, useId, useState } from 'react';
import { freeProbe, type RouterInterface } from '../../../shared/failover/precheck';
import type { WanStatus } from '../../../shared/failover/setup';
import {
  defaultProbes,
  defaultSecondProbes,
  qualityDefaults,
  type WanConfig,
  wanConfigSchema,
} from '../../../shared/failover/wan';
import { UplinkError } from '../../../shared/ipc/errors';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Field, TextField } from '../components/Field';
import { FormDialog } from '../components/FormDialog';
import { useFormSubmit } from '../components/use-form-submit';
import { invoke } from '../ipc/client';
import { useHoldTab } from '../stores/held-tabs-store';
import { selectSession, useSessionsStore } from '../stores/sessions-store';
import { type QualityField, QualityFields, qualityFieldOf, qualityForm, qualityInput } from './QualityFields';

type FieldName = 'gateway' | 'interface' | 'probe' | QualityField;
type Errors = Partial<Record<FieldName, string>>;

export interface ConfigureWanDialogProps {
  siteId: string;
  wan: number;
  /** What the router has for this WAN, when it is configured. */
  current?: WanStatus;
  /** Probe hosts the other WANs use, so this one is offered its own. */
  takenProbes: string[];
  onClose(): void;
  /** Online: the WAN passed the router's checks, and its plan is to be shown (nothing was sent). */
  onPlanned?(wan: WanConfig): void;
  /**
   * Offline: the interfaces as last read (the router's are not asked for), and where Save sends
   * the WAN instead of the router (the site's draft).
   */
  offline?: { interfaces: RouterInterface[]; save(wan: WanConfig): Promise<unknown> };
}

function describeInterface(item: RouterInterface): string {
  const addresses = item.addresses.length > 0 ? item.addresses.join(', ') : 'no IP address';
  const state = item.disabled ? 'disabled' : item.running ? 'running' : 'not running';
  return `${item.type} · ${addresses} · ${state}`;
}

/**
 * The gear's dialog: gateway, gateway interface (from the router's list; a typed name must match
 * one exactly) and probe host. Saving asks main, which checks with the router what the guide asks
 * and answers each failed check with a sentence on the field it concerns.
 */
export function ConfigureWanDialog({
  siteId,
  wan,
  current,
  takenProbes,
  onClose,
  onPlanned,
  offline,
}: ConfigureWanDialogProps) {
  const listId = useId();
  const [values, setValues] = useState({
    gateway: current?.gateway ?? '',
    interface: current?.interface ?? '',
    probe: current?.probe ?? freeProbe(defaultProbes, takenProbes, wan),
  });
  const [quality, setQuality] = useState(() =>
    qualityForm(
      current?.quality ?? { ...qualityDefaults, moreProbes: current?.moreProbes ?? [] },
      current?.quality || current?.watched ? '' : freeProbe(defaultSecondProbes, takenProbes, wan),
      current?.watched === true,
    ),
  );
  const [interfaces, setInterfaces] = useState<RouterInterface[] | null>(offline?.interfaces ?? null);
  const readLive = offline === undefined;
  const [errors, setErrors] = useState<Errors>({});
  const [unread, setUnread] = useState<string | null>(null);
  // The session dropped while the dialog was open: it stays, with what was typed, and offers the draft.
  const unreachable = useSessionsStore((s) => selectSession(siteId)(s)?.status !== 'online') && readLive;
  useHoldTab(siteId, readLive);

  useEffect(() => {
    if (!readLive) return;
    let live = true;
    invoke('failover.interfaces', { siteId }).then(
      (list) => live && setInterfaces(list),
      (error: Error) => live && setUnread(`The router’s interfaces could not be read: ${error.message}`),
    );
    return () => {
      live = false;
    };
  }, [siteId, readLive]);

  const picked = interfaces?.find((item) => item.name === values.interface);
  const change = (name: FieldName) => (value: string) => {
    setValues((previous) => ({ ...previous, [name]: value }));
    setErrors((previous) => ({ ...previous, [name]: undefined }));
  };

  const [keeping, setKeeping] = useState(false);
  const [keepFailure, setKeepFailure] = useState<string | null>(null);
  /** Unreachable: the gateway as typed goes into the site's draft, checked against the snapshot. */
  const keepOffline = async () => {
    const typed = parse();
    if (!typed) return;
    setKeeping(true);
    setKeepFailure(null);
    try {
      await invoke('drafts.configureWan', { siteId, wan: typed });
      onClose();
    } catch (error) {
      setKeepFailure((error as Error).message);
    } finally {
      setKeeping(false);
    }
  };

  /** The WAN as typed, checked by the shared schema; each issue is shown on its field. */
  const parse = () => {
    const parsed = wanConfigSchema.safeParse({ wan, ...values, quality: qualityInput(quality) });
    if (!parsed.success) {
      setErrors(
        Object.fromEntries(
          parsed.error.issues.map((issue) => [
            qualityFieldOf(issue.path) ?? String(issue.path[0]),
            issue.message,
          ]),
        ) as Errors,
      );
      return undefined;
    }
    return parsed.data;
  };

  const { busy, failure, submit } = useFormSubmit(async () => {
    const typed = parse();
    if (!typed || unreachable) return false;
    try {
      if (offline) {
        await offline.save(typed);
        return true;
      }
      // Only checked with the router here: Apply in the plan that follows makes the change.
      await invoke('failover.plan', { siteId, change: { kind: 'configure', wan: typed } });
      onPlanned?.(typed);
      return false;
    } catch (error) {
      // The router's checks name the field they concern: shown there, not in a banner.
      const fields = error instanceof UplinkError ? error.fields : undefined;
      if (!fields) throw error;
      setErrors(fields as Errors);
      return false;
    }
  }, onClose);

  return (
    <FormDialog
      title={`Configure WAN ${wan}`}
      onClose={onClose}
      submitLabel="Save"
      onSubmit={submit}
      busy={busy}
      submitDisabled={unreachable}
      formClassName="wan-form"
    >
      {offline && (
        <Banner tone="info" title="Offline">
          Save keeps the new gateway in this site’s draft, checked against the router as last read. The probe
          host can be changed once the router is connected.
        </Banner>
      )}
      {unreachable && (
        <Banner
          tone="warning"
          title="The router is unreachable"
          actions={
            <Button size="small" busy={keeping} onClick={() => void keepOffline()}>
              Keep as offline edit
            </Button>
          }
        >
          What you typed stays here. Save works again as soon as Uplink reaches the router; or keep the
          gateway in this site’s draft, applied when you connect.
        </Banner>
      )}
      {(failure ?? keepFailure ?? unread) && <Banner tone="error">{failure ?? keepFailure ?? unread}</Banner>}
      <TextField
        label="Gateway"
        value={values.gateway}
        onChange={(event) => change('gateway')(event.target.value)}
        error={errors.gateway}
        hint="The ISP’s side of this link, e.g. 10.0.2.1. A default route through it must already reach the internet."
        placeholder="10.0.2.1"
        autoComplete="off"
        spellCheck={false}
        data-autofocus
      />
      <Field
        label="Gateway interface"
        error={errors.interface}
        hint={
          picked
            ? describeInterface(picked)
            : interfaces === null
              ? 'Reading the router’s interfaces…'
              : 'Pick from the router’s interfaces; a typed name must match one exactly.'
        }
      >
        {(control) => (
          <>
            <input
              className="input"
              list={listId}
              value={values.interface}
              onChange={(event) => change('interface')(event.target.value)}
              placeholder="ether2"
              autoComplete="off"
              spellCheck={false}
              {...control}
            />
            <datalist id={listId}>
              {interfaces?.map((item) => (
                <option key={item.name} value={item.name}>
                  {describeInterface(item)}
                </option>
              ))}
            </datalist>
          </>
        )}
      </Field>
      <TextField
        label="Probe host"
        value={values.probe}
        onChange={(event) => change('probe')(event.target.value)}
        error={errors.probe}
        hint="A public host that answers ping, pinned to this WAN. Each WAN has its own."
        autoComplete="off"
        spellCheck={false}
      />
      {/* An offline draft edits routes only; the watch is planned against the router itself. */}
      {readLive && (
        <QualityFields
          values={quality}
          errors={errors}
          onChange={(patch) => {
            setQuality((previous) => ({ ...previous, ...patch }));
            setErrors((previous) => ({
              ...previous,
              ...Object.fromEntries(Object.keys(patch).map((key) => [key, undefined])),
            }));
          }}
        />
      )}
    </FormDialog>
  );
}

import { useEffect, useState } from 'react';
import type { DhcpClientInfo } from '../../../shared/ipc/channels/routes';
import type { Route } from '../../../shared/routes/route';
import { routeFormSchema } from '../../../shared/routes/route-form';
import { Banner } from '../components/Banner';
import { TextField } from '../components/Field';
import { FormDialog } from '../components/FormDialog';
import { useFormSubmit } from '../components/use-form-submit';
import { invoke } from '../ipc/client';
import { planFirst } from './RoutePlanHost';
import { errorsFromFailure } from './route-form-text';
import type { RouteTableKey } from './routes-view-store';

/**
 * A DHCP route's distance where it really lives: the DHCP client's default-route-distance. The
 * router then re-makes the route with the new distance.
 */
export function DhcpClientDialog({
  table,
  route,
  onClose,
}: {
  table: RouteTableKey;
  route: Route;
  onClose(): void;
}) {
  const [client, setClient] = useState<DhcpClientInfo | null>(null);
  const [distance, setDistance] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [unread, setUnread] = useState<string | null>(null);

  useEffect(() => {
    invoke('routes.dhcpClient', { ...table, routeId: route.id }).then(
      (found) => {
        setClient(found);
        setDistance(String(found.defaultRouteDistance));
      },
      (reason: unknown) => setUnread(errorsFromFailure(reason).message),
    );
  }, [table, route.id]);

  const { busy, failure, submit } = useFormSubmit(async () => {
    if (!client) return false;
    const parsed = routeFormSchema.shape.distance.safeParse(distance);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return false;
    }
    const change = { ...table, clientId: client.id, distance: parsed.data };
    // The distance of a default route: its plan is shown before it is sent (outside Safe Mode).
    await planFirst({
      title: `Default route distance of the DHCP client on ${client.interfaceName}`,
      plan: () => invoke('routes.planDhcpDistance', change),
      send: async (commands) => {
        await invoke('routes.setDhcpDistance', { ...change, ...(commands && { commands }) });
        return null;
      },
    });
    return true;
  }, onClose);

  return (
    <FormDialog
      title={client ? `DHCP Client ${client.interfaceName}` : 'DHCP Client'}
      width="small"
      onClose={onClose}
      submitLabel="OK"
      onSubmit={submit}
      busy={busy}
      submitDisabled={!client}
      formClassName="route-form"
    >
      {unread && (
        <Banner tone="error" title="The DHCP client could not be read">
          {unread}
        </Banner>
      )}
      {failure && (
        <Banner tone="error" title="The distance was not changed">
          {failure}
        </Banner>
      )}
      <p className="route-form-wide route-form-note">
        The default route via {route.gateway} comes from this DHCP client. Its distance is the client’s
        default-route-distance; RouterOS re-makes the route with the new value.
      </p>
      <TextField
        label="Default Route Distance"
        inputMode="numeric"
        value={distance}
        error={error}
        disabled={!client}
        onChange={(event) => {
          setDistance(event.target.value);
          setError(undefined);
        }}
      />
    </FormDialog>
  );
}

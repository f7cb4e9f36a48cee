import { create } from 'zustand';
import type { ApplyResult, UndoPlanView } from '../../../shared/ipc/channels/apply';
import { PlanDialog } from '../apply/PlanDialog';

/** A change of the Routes tab's toolbar or menu waiting for its plan to be accepted. */
interface PendingPlan {
  title: string;
  load(): Promise<UndoPlanView>;
  send(commands: string[]): Promise<ApplyResult>;
}

const usePendingPlan = create<{ pending: PendingPlan | null }>()(() => ({ pending: null }));

/**
 * A selection's Enable, Disable or Remove: main plans it, and where it touches a default route or
 * the route carrying the session, outside Safe Mode (a confirmed apply), the plan is shown before
 * anything is sent; elsewhere it goes straight. `send` gets the commands the technician saw, or none when there was no plan.
 */
export async function planFirst(change: {
  title: string;
  plan(): Promise<UndoPlanView | null>;
  send(commands?: string[]): Promise<ApplyResult | null>;
}): Promise<void> {
  if (!(await change.plan())) {
    await change.send();
    return;
  }
  usePendingPlan.setState({
    pending: {
      title: change.title,
      // Read again as the dialog opens, and after a refused Apply: from the router as it is then.
      load: async () => (await change.plan()) ?? { summary: change.title, steps: [] },
      send: async (commands) =>
        (await change.send(commands)) ?? {
          outcome: 'applied',
          summary: change.title,
          at: new Date().toISOString(),
        },
    },
  });
}

/** A Routes tab plan's intro: the plan's reasons say why this change, below it. */
export const routeSafetyNetIntro =
  'This change could move traffic or cut Uplink off from the router. Uplink sends it with a safety net: unless Uplink confirms it still reaches the router, the router puts the previous settings back when the grace period ends.';

/** Where the Routes tab shows a pending plan. */
export function RoutePlanHost() {
  const pending = usePendingPlan((s) => s.pending);
  if (!pending) return null;
  const close = () => usePendingPlan.setState({ pending: null });
  return (
    <PlanDialog
      title={pending.title}
      intro={routeSafetyNetIntro}
      load={pending.load}
      send={pending.send}
      onApplied={close}
      onLost={close}
      onCancel={close}
    />
  );
}

import { afterEach, beforeEach, expect, it } from 'vitest';
import { createApplyService } from '../../electron/apply/apply-service';
import { createFailoverService } from '../../electron/failover/failover-service';
import type { FailoverState } from '../../shared/ipc/channels/failover';
import type { EventName } from '../../shared/ipc/contract';
import { applyChange, type Lab, labWans, startLab } from './demo-session';

// Over the SSH CLI a route listen is a print every 2 s: a change Uplink made itself must not wait
// for the next one to be seen. The failover state that goes out with the answer already has it.

const siteId = 'lab';
const context = { clientId: 'test' };

let lab: Lab;
let states: FailoverState[];
let applies: ReturnType<typeof createApplyService>;
let failover: ReturnType<typeof createFailoverService>;

beforeEach(async () => {
  states = [];
  lab = await startLab(siteId, { channel: 'ssh-cli' });
  const events = {
    emit: (event: EventName, payload: unknown) => {
      if (event === 'failover.state') states.push(payload as FailoverState);
    },
  };
  applies = createApplyService({ sessions: lab.session, events, profileDir: lab.profileDir });
  failover = createFailoverService({ sessions: lab.session, events, applies });
  await lab.session.connect();
  await applies.handlers['apply.setSettings']({ graceSeconds: 5 }, context);
  for (const wan of labWans) await applyChange(failover, siteId, { kind: 'configure', wan });
});

afterEach(async () => {
  await failover.dispose?.();
  await applies.dispose?.();
  await lab.stop();
});

const order = (state: FailoverState | undefined) => state?.wans.map((wan) => wan.wan);
/** Lets the service's once-per-burst emit (setImmediate) go out. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

it('shows a priority change made over the SSH CLI as soon as it is applied, not at the next poll', async () => {
  await settled();
  expect(order(states.at(-1))).toEqual([1, 2]);
  await applyChange(failover, siteId, { kind: 'reorder', order: [2, 1] });
  await settled();
  expect(order(states.at(-1))).toEqual([2, 1]);
  expect(order(failover.handlers['failover.get']({ siteId }, context) as FailoverState)).toEqual([2, 1]);
});

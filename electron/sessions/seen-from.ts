import { sessionAddress } from '../../shared/routes/session-route';
import type { SessionChannel } from '../../shared/sessions/session-state';
import { type RouterClient, RouterError } from '../routeros/router-client';

/**
 * The address the router sees a new session coming from, read from `/user/active` right after the
 * login (so the session's is the last listed); undefined where the router does not say (a user
 * whose group may not read it), and then no route is taken for the session's own.
 */
export async function readSeenFrom(
  client: RouterClient,
  session: { user: string; channel: SessionChannel },
): Promise<string | undefined> {
  try {
    return sessionAddress(await client.print('/user/active'), session);
  } catch (error) {
    if (error instanceof RouterError && error.code === 'trap') return undefined;
    throw error;
  }
}

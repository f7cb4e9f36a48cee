// Asking the demo router itself, over its own API, what it holds: tests check the router, not
// what Uplink believes about it.
import { WireClient } from '../demo-router/wire-client';

export async function routerRows(
  endpoint: { host: string; port: number; password?: string },
  menu: string,
  ...query: string[]
): Promise<Record<string, string>[]> {
  const client = await WireClient.connect(endpoint);
  try {
    await client.login('admin', endpoint.password ?? '');
    client.send(`${menu}/print`, ...query, '.tag=q');
    const replies = await client.untilDone('q');
    return replies.filter((reply) => reply.type === '!re').map((reply) => reply.attrs);
  } finally {
    client.close();
  }
}

export async function routerCommand(
  endpoint: { host: string; port: number; password?: string },
  command: string,
  ...words: string[]
): Promise<Record<string, string>> {
  const client = await WireClient.connect(endpoint);
  try {
    await client.login('admin', endpoint.password ?? '');
    client.send(command, ...words, '.tag=c');
    const replies = await client.untilDone('c');
    const last = replies[replies.length - 1];
    if (replies.some((reply) => reply.type === '!trap')) {
      throw new Error(replies.find((reply) => reply.type === '!trap')?.attrs.message);
    }
    return last?.attrs ?? {};
  } finally {
    client.close();
  }
}

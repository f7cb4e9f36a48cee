// `/ip/ssh`: the SSH service's settings. `forwarding-enabled` decides whether the SSH door opens
// `direct-tcpip` channels (local forwarding: what carries the API through a tunnel); RouterOS ships
// with it off, so an SSH-only session gets the console and nothing else until the owner allows it.
import { printCommand } from '../item-commands';
import { allowOnly, type MenuSpec } from '../registry';
import { formatBoolean, noMatch, parseBoolean } from '../values';

export const FORWARDING_MODES = ['no', 'local', 'remote', 'both'] as const;
export type ForwardingMode = (typeof FORWARDING_MODES)[number];

export class SshService {
  forwarding: ForwardingMode = 'no';
  strongCrypto = false;
  allowNoneCrypto = false;
  alwaysAllowPasswordLogin = false;

  /** Whether a client may open connections from the router (`ssh -L`, `direct-tcpip`). */
  allowsLocalForwarding(): boolean {
    return this.forwarding === 'local' || this.forwarding === 'both';
  }
}

const isMode = (value: string): value is ForwardingMode =>
  (FORWARDING_MODES as readonly string[]).includes(value);

export function sshServiceMenu(ssh: SshService, hostKeyType: string): MenuSpec {
  const booleans = {
    'strong-crypto': 'strongCrypto',
    'allow-none-crypto': 'allowNoneCrypto',
    'always-allow-password-login': 'alwaysAllowPasswordLogin',
  } as const;
  return {
    path: '/ip/ssh',
    commands: {
      // RouterOS 7's order.
      print: printCommand(() => [
        {
          'forwarding-enabled': ssh.forwarding,
          'always-allow-password-login': formatBoolean(ssh.alwaysAllowPasswordLogin),
          'strong-crypto': formatBoolean(ssh.strongCrypto),
          'allow-none-crypto': formatBoolean(ssh.allowNoneCrypto),
          'host-key-type': hostKeyType,
        },
      ]),
      set: {
        run: ({ attrs }) => {
          allowOnly(attrs, ['forwarding-enabled', ...Object.keys(booleans)]);
          const mode = attrs['forwarding-enabled'];
          if (mode !== undefined && !isMode(mode)) throw noMatch('forwarding-enabled');
          // Every value is checked before any is changed, as RouterOS does.
          const flags = Object.entries(booleans)
            .filter(([name]) => attrs[name] !== undefined)
            .map(([name, key]) => [key, parseBoolean(attrs[name] as string, name)] as const);
          if (mode !== undefined) ssh.forwarding = mode;
          for (const [key, value] of flags) ssh[key] = value;
          return { type: 'done' };
        },
      },
    },
  };
}

// `/system/identity`: the router's name, shown in the CLI prompt (`[admin@MikroTik] > `).
import { printCommand } from '../item-commands';
import { allowOnly, type MenuSpec } from '../registry';
import { invalidValue } from '../values';

export class Identity {
  constructor(public name: string) {}
}

export function identityMenu(identity: Identity): MenuSpec {
  return {
    path: '/system/identity',
    commands: {
      print: printCommand(() => [{ name: identity.name }]),
      set: {
        run: ({ attrs }) => {
          allowOnly(attrs, ['name']);
          if (attrs.name !== undefined) {
            if (attrs.name === '') throw invalidValue('name');
            identity.name = attrs.name;
          }
          return { type: 'done' };
        },
      },
    },
  };
}

import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { checkGatewayMethods, type RouteFamily } from './route-family';

/** Strict address syntax: ipaddr.js alone also takes inet_aton forms like `10.1`, which RouterOS does not. */
export function isValidAddress(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
}

/** An IPv4 or IPv6 prefix, as RouterOS writes it (`0.0.0.0/0`, `10.1.0.0/16`, `2001:db8::/32`); a bare address is a host route. */
export function normalizePrefix(value: string): string | undefined {
  const text = value.trim();
  if (!isValidAddress(text.split('/')[0] ?? '')) return undefined;
  try {
    if (text.includes('/')) {
      const [address, length] = ipaddr.parseCIDR(text);
      // RouterOS stores the network address: 10.1.2.3/16 becomes 10.1.0.0/16.
      const network =
        address.kind() === 'ipv4'
          ? ipaddr.IPv4.networkAddressFromCIDR(text)
          : ipaddr.IPv6.networkAddressFromCIDR(text);
      return `${network.toString()}/${length}`;
    }
    const address = ipaddr.parse(text);
    return `${address.toString()}/${address.kind() === 'ipv4' ? 32 : 128}`;
  } catch {
    return undefined;
  }
}

/** RouterOS interface names: anything printable but spaces-only; `%` separates address and interface. */
const interfaceName = /^[^\s%,"]([^%,"]*[^\s%,"])?$/;

/**
 * A gateway as RouterOS takes it: an address (`10.0.1.1`), an interface (`ether1`, `pppoe-out1`),
 * or an address pinned to an interface (`10.0.1.1%ether1`).
 */
export function isValidGateway(value: string): boolean {
  const text = value.trim();
  if (text === '') return false;
  const [address, iface, ...rest] = text.split('%');
  if (rest.length > 0 || address === undefined) return false;
  if (iface !== undefined) return isValidAddress(address) && interfaceName.test(iface);
  return isValidAddress(address) || (interfaceName.test(address) && !/^[\d.]+$/.test(address));
}

/** One gateway, or several comma-separated for ECMP (`10.0.1.1,10.0.2.1%ether2`). */
export const isValidGateways = (value: string): boolean => value.split(',').every(isValidGateway);

const byte = (label: string) =>
  z.coerce
    .number({ message: `${label} is a number from 0 to 255` })
    .int(`${label} is a whole number from 0 to 255`)
    .min(0, `${label} is a number from 0 to 255`)
    .max(255, `${label} is a number from 0 to 255`);

/** The route dialog's fields, checked before anything is sent to the router. */
export const routeFormSchema = z
  .object({
    dstAddress: z
      .string()
      .refine((value) => normalizePrefix(value) !== undefined, {
        message: 'Enter an IPv4 or IPv6 prefix, like 0.0.0.0/0',
      })
      .transform((value) => normalizePrefix(value) ?? value),
    gateway: z
      .string()
      .trim()
      .refine((value) => value === '' || isValidGateways(value), {
        message: 'Enter an address, an interface, or address%interface; several with commas (ECMP)',
      }),
    /** Type blackhole: matching packets are dropped, no gateway needed. */
    blackhole: z.boolean(),
    prefSrc: z
      .string()
      .trim()
      .refine((value) => value === '' || isValidAddress(value), {
        message: 'Enter an address, or leave empty',
      }),
    distance: z.coerce
      .number({ message: 'Distance is a number from 1 to 255' })
      .int('Distance is a whole number from 1 to 255')
      .min(1, 'Distance is a number from 1 to 255')
      .max(255, 'Distance is a number from 1 to 255'),
    scope: byte('Scope'),
    targetScope: byte('Target scope'),
    checkGateway: z.enum(['', 'ping', 'arp', 'bfd', 'bfd-multihop']),
    routingTable: z.string().trim().min(1, 'Enter the routing table (main by default)'),
    comment: z.string(),
    disabled: z.boolean(),
  })
  .refine((form) => form.blackhole || form.gateway.trim() !== '', {
    path: ['gateway'],
    message: 'Enter an address, an interface, or address%interface',
  });

export type RouteForm = z.input<typeof routeFormSchema>;
export type RouteFormValues = z.output<typeof routeFormSchema>;

const familyOf = (address: string): RouteFamily => (address.includes(':') ? 'ipv6' : 'ip');
const linkLocal = ipaddr.IPv6.parseCIDR('fe80::/10');

/** A field the family does not allow, and why, in the dialog's words. */
export interface FamilyIssue {
  field: 'dstAddress' | 'gateway' | 'prefSrc' | 'checkGateway';
  message: string;
}

/**
 * What one family's table refuses of a form the shared schema took: IP → Routes takes IPv4
 * addresses only and IPv6 → Routes IPv6 ones (interfaces as gateways in both); an IPv6 link-local
 * gateway means nothing without its interface (`fe80::1%ether1`); IPv6 routes have no preferred
 * source, and ARP checks only IPv4 gateways.
 */
export function familyIssues(
  form: Pick<RouteFormValues, FamilyIssue['field']>,
  family: RouteFamily,
): FamilyIssue[] {
  const issues: FamilyIssue[] = [];
  const name = family === 'ip' ? 'IPv4' : 'IPv6';
  const prefix = form.dstAddress.split('/')[0] ?? '';
  if (isValidAddress(prefix) && familyOf(prefix) !== family)
    issues.push({
      field: 'dstAddress',
      message: `Enter an ${name} prefix, like ${family === 'ip' ? '0.0.0.0/0' : '::/0'}`,
    });
  for (const gateway of form.gateway.split(',')) {
    const [address = '', iface] = gateway.trim().split('%');
    if (!isValidAddress(address)) continue;
    if (familyOf(address) !== family) {
      issues.push({ field: 'gateway', message: `Enter an ${name} gateway or an interface` });
      break;
    }
    if (family === 'ipv6' && iface === undefined && ipaddr.IPv6.parse(address).match(linkLocal)) {
      issues.push({
        field: 'gateway',
        message: `A link-local gateway needs its interface, like ${address}%ether1`,
      });
      break;
    }
  }
  if (family === 'ipv6' && form.prefSrc !== '')
    issues.push({ field: 'prefSrc', message: 'IPv6 routes have no preferred source' });
  else if (form.prefSrc !== '' && familyOf(form.prefSrc) !== family)
    issues.push({ field: 'prefSrc', message: 'Enter an IPv4 address, or leave empty' });
  if (form.checkGateway !== '' && !checkGatewayMethods[family].includes(form.checkGateway))
    issues.push({ field: 'checkGateway', message: `${form.checkGateway} cannot check an ${name} gateway` });
  return issues;
}

/**
 * A request's refinement: the route form in `field` suits the request's family, so no IPv4 gateway
 * reaches an IPv6 route online (`routes.add`) or offline (`drafts.addRoute`).
 */
export const suitsFamily =
  <Field extends string>(field: Field) =>
  (arg: { family: RouteFamily } & Record<Field, RouteFormValues>, context: z.RefinementCtx) => {
    for (const issue of familyIssues(arg[field], arg.family))
      context.addIssue({ code: 'custom', path: [field, issue.field], message: issue.message });
  };

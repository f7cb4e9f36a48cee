import { z } from 'zod';

export const transports = ['api', 'api-ssl', 'ssh'] as const;
export type Transport = (typeof transports)[number];

export const transportLabels: Record<Transport, string> = {
  api: 'API',
  'api-ssl': 'API-SSL',
  ssh: 'SSH',
};

/** RouterOS's own default service ports (/ip service). */
export const defaultPorts: Record<Transport, number> = { api: 8728, 'api-ssl': 8729, ssh: 22 };

/**
 * How the router is reached. `direct`: an address on the technician's network. `transient`: a
 * Transient Access grant (a temporary host, port, user and password with an expiry, issued for
 * WinBox or SSH), so such a site always uses SSH.
 */
export const reaches = ['direct', 'transient'] as const;
export type Reach = (typeof reaches)[number];

/** A site as the renderer sees it: never a password, only whether one is stored. */
export interface Site {
  id: string;
  name: string;
  address: string;
  port: number;
  transport: Transport;
  user: string;
  reach: Reach;
  /** Transient Access only: when the grant ends (ISO 8601). */
  expiresAt?: string;
  /** Transient Access only: a read-only grant opens the site read-only. */
  readOnly: boolean;
  hasPassword: boolean;
  /** The built-in demo router, run in-process. */
  demo: boolean;
}

const hostname =
  /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const ipv6 = /^[0-9a-fA-F:.]+$/;

export const addressSchema = z
  .string()
  .trim()
  .min(1, 'Enter the router’s address')
  .refine((value) => hostname.test(value) || (value.includes(':') && ipv6.test(value)), {
    message: 'Enter an IP address or a host name',
  });

export const portSchema = z.coerce
  .number({ message: 'Enter a port number' })
  .int('Enter a whole port number')
  .min(1, 'A port is from 1 to 65535')
  .max(65535, 'A port is from 1 to 65535');

/** What the site dialog sends. The password is write-only: omitted on update, it is kept. */
export const siteInputSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the site a name').max(64, 'Keep the name under 64 characters'),
    address: addressSchema,
    port: portSchema,
    transport: z.enum(transports),
    user: z.string().trim().min(1, 'Enter the user name').max(64),
    password: z.string().max(256).optional(),
    reach: z.enum(reaches).default('direct'),
    expiresAt: z.iso.datetime({ offset: true, message: 'Enter when the grant expires' }).optional(),
    readOnly: z.boolean().default(false),
  })
  .superRefine((site, context) => {
    if (site.reach !== 'transient') return;
    if (site.transport !== 'ssh') {
      context.addIssue({
        code: 'custom',
        path: ['transport'],
        message: 'Transient Access grants are for SSH',
      });
    }
    if (site.expiresAt === undefined) {
      context.addIssue({ code: 'custom', path: ['expiresAt'], message: 'Enter when the grant expires' });
    }
  });

export type SiteInput = z.input<typeof siteInputSchema>;
export type SiteFields = z.output<typeof siteInputSchema>;

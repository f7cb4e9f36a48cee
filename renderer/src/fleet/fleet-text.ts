import type { SiteHealth } from '../../../shared/monitor/fleet';
import type { Tone } from '../components/Badge';
import { healthLabels, healthTones } from '../monitor/monitor-text';

export const siteHealthLabels: Record<SiteHealth, string> = { ...healthLabels, unknown: 'Not measured' };
export const siteHealthTones: Record<SiteHealth, Tone> = { ...healthTones, unknown: 'neutral' };

/** Time-zone helpers. Instants are stored in UTC; members see them in the community's (or their own) zone. */
import { DateTime, IANAZone } from 'luxon';

export function isValidTimezone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/** "Fri 4 Dec 2026, 19:00 (Europe/Paris)": the fallback text shown where the platform cannot localise. */
export function formatInZone(at: Date, zone: string, style: 'full' | 'date' | 'time' = 'full'): string {
  const dt = DateTime.fromJSDate(at, { zone });
  if (style === 'date') return dt.toFormat('ccc d LLL yyyy');
  if (style === 'time') return dt.toFormat('HH:mm');
  return `${dt.toFormat('ccc d LLL yyyy, HH:mm')} (${zone})`;
}

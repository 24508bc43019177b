/** Saying back what a member typed and what it became, so that a misreading is seen at once. */
import { pickedInstant } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { formatInZone } from '#core/time.ts';
import type { WhenRules } from './rules.ts';

/**
 * `I read "fri 19:00" as Fri 27 Mar 2026, 19:00 (Europe/Paris).`: always in plain text in the community zone (a
 * platform's localised date would hide a zone mix-up); a picker's value is just "Set for …".
 */
export function echoWhen(typed: string, at: Date, zone: string, rules: Pick<WhenRules, 'reads'>): string {
  const shown = fmt.bold(formatInZone(at, zone, rules.reads === 'day' ? 'date' : 'full'));
  if (pickedInstant(typed)) return `Set for ${shown}.`;
  return `I read "${typed.trim()}" as ${shown}.`;
}

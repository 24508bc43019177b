/** Small converters shared by the repositories: rows hold epoch milliseconds and 0/1 flags; objects hold Dates. */
import type { CommunityId } from '#core/ids.ts';
import { isCommunityId } from '#core/ids.ts';

/** Epoch milliseconds → Date. */
export function toDate(ms: number): Date {
  return new Date(ms);
}

/** Nullable epoch milliseconds → Date or undefined. */
export function toOptionalDate(ms: number | null): Date | undefined {
  return ms === null ? undefined : new Date(ms);
}

/** Date → epoch milliseconds, refusing an invalid Date (it would be stored as NULL/NaN and lost). */
export function toMs(date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new Error('invalid Date');
  return ms;
}

/** A stored community id, checked: a row that is not one points at a bug, not at member input. */
export function toCommunityId(value: string): CommunityId {
  if (!isCommunityId(value)) throw new Error(`stored row has a malformed community id: ${value}`);
  return value;
}

/** Parses a JSON column that must hold an object. */
export function parseJsonObject(text: string, column: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`stored ${column} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** 0/1 flag → boolean. */
export function toBool(flag: number): boolean {
  return flag === 1;
}

/** boolean → 0/1 flag. */
export function toFlag(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

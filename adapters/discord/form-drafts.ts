/**
 * Discord closes a modal on submit, so a refused answer would lose everything typed. The adapter remembers each
 * form it opened; when the core refuses a submission, the answers are kept under a short key and the member gets a
 * "Fix it" button that opens the same form again, filled in with what they typed.
 *
 * Kept in this process's memory only (bounded, expiring): a draft is a convenience, never the record — after a
 * restart the button says the form expired and the member runs the command again.
 */
import { randomBytes } from 'node:crypto';
import type { Form } from '#core/reply.ts';

/** The action of the "Fix it" button (handled by the adapter, never dispatched to the core). */
export const REFILL_ACTION = 'hallway.refill';

const MAX_ENTRIES = 1_000;
const TTL_MS = 30 * 60_000;

interface Entry<T> {
  readonly value: T;
  readonly expires: number;
}

/** A map with a size bound (oldest out first) and an expiry. */
class Bounded<T> {
  private readonly entries = new Map<string, Entry<T>>();
  constructor(private readonly now: () => number) {}

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + TTL_MS });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= MAX_ENTRIES) break;
      this.entries.delete(oldest);
    }
  }

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.expires < this.now()) return undefined;
    return entry.value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

export class FormDrafts {
  private readonly opened: Bounded<Form>;
  private readonly refused: Bounded<{ userId: string; form: Form }>;

  constructor(now: () => number = Date.now) {
    this.opened = new Bounded(now);
    this.refused = new Bounded(now);
  }

  /** A modal was shown to `userId` under `customId`. */
  remember(userId: string, customId: string, form: Form): void {
    this.opened.set(`${userId}:${customId}`, form);
  }

  /**
   * A submission of `customId` by `userId` was refused: keeps the answers and returns the key for the "Fix it"
   * button, or undefined when the form is not known here (opened before a restart).
   */
  keep(userId: string, customId: string, values: Readonly<Record<string, string>>): string | undefined {
    const form = this.opened.get(`${userId}:${customId}`);
    if (!form) return undefined;
    const key = randomBytes(9).toString('base64url');
    const fields = form.fields.map((f) => (f.id in values ? { ...f, initial: values[f.id] || undefined } : f));
    this.refused.set(key, { userId, form: { ...form, fields } });
    return key;
  }

  /** The form to reopen, filled in; only for the member who typed it. */
  take(key: string, userId: string): Form | undefined {
    const draft = this.refused.get(key);
    if (!draft || draft.userId !== userId) return undefined;
    this.refused.delete(key);
    return draft.form;
  }
}

/**
 * A member's mistake (bad input, not allowed, unknown meetup): the message is shown to them, ephemerally, with at
 * most one relevant hint (an example that works). Anything that is not a UserError is a bug: logged with a
 * correlation id, and the member sees only a short apology carrying that id.
 */

/** What kind of mistake: a closed list, so that adapters and tests can rely on it. */
export type UserErrorCode =
  /** The input cannot be read or breaks a rule (a bad date, an empty answer, a link that is not https). */
  | 'invalid_input'
  /** An option name the command does not have (`aproval:on`). */
  | 'unknown_option'
  /** Longer than allowed. */
  | 'too_long'
  /** More than allowed (links, bookings, mentees). */
  | 'too_many'
  /** Two readings: the member must say which. */
  | 'ambiguous'
  /** The member, meetup, request, job or command named does not exist here. */
  | 'not_found'
  /** The member may not do this (a manager's command, someone else's request). */
  | 'not_allowed'
  /** Not in the state it would have to be (cancelled, over, already answered, paused, switched off). */
  | 'conflict'
  /** Too much, too fast: try again in a minute. */
  | 'slow_down';

export class UserError extends Error {
  override readonly name = 'UserError';
  /** The form field the mistake is in (`at`, `inField`): a refused form shows the error next to that field. */
  field?: string;
  constructor(
    readonly code: UserErrorCode,
    message: string,
    /** One relevant hint shown under the message (an example that works); full usage belongs to `help`. */
    readonly hint?: string,
  ) {
    super(message);
  }

  /** Marks the form field this mistake is in (ignored outside forms). */
  at(field: string): this {
    this.field = field;
    return this;
  }
}

/**
 * Reads one field of a submitted form: a UserError raised while reading it is marked as that field's, so the member
 * gets the form back with the error next to the field and everything else they typed kept.
 */
export function inField<T>(field: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof UserError && error.field === undefined) error.field = field;
    throw error;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** Thrown by a command that needs admin rights when the actor has none. */
export function notAdmin(what: string): UserError {
  return new UserError('not_allowed', `Only community managers can ${what}.`);
}

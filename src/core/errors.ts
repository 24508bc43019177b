/**
 * A member's mistake (bad input, not allowed, unknown meetup): the message is shown to them, ephemerally, with the
 * usage line when there is one. Anything that is not a UserError is a bug: logged with a correlation id, and the
 * member sees only a short apology carrying that id.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    /** Stable machine-readable code, e.g. `invalid_args`, `not_admin`, `unknown_meetup`. */
    readonly code: string,
    message: string,
    /** Optional usage line shown under the message. */
    readonly usage?: string,
  ) {
    super(message);
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** Thrown by a command that needs admin rights when the actor has none. */
export function notAdmin(what: string): UserError {
  return new UserError('not_admin', `Only community managers can ${what}.`);
}

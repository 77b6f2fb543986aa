/**
 * An error a route throws to answer with an HTTP error. Each emulated API renders it in its own error
 * shape (Heroku `{id, message}`, Squadcast `{meta}`, Sentry `{detail}`), so routes only say what went
 * wrong. Messages never contain a credential.
 */
export class SandboxApiError extends Error {
  /** The HTTP status to answer with. */
  readonly statusCode: number;
  /** A Heroku error id that differs from the default one for the status (for example `verification_needed`). */
  readonly errorId: string | undefined;

  constructor(statusCode: number, message: string, errorId?: string) {
    super(message);
    this.name = "SandboxApiError";
    this.statusCode = statusCode;
    this.errorId = errorId;
  }
}

/** A Squadcast v3 error body. */
export interface SquadcastErrorBody {
  /** The status and a human-readable message. */
  readonly meta: { readonly status: number; readonly error_message: string };
}

/** Renders an error in Squadcast's `{meta: {status, error_message}}` shape. */
export function renderSquadcastError(statusCode: number, message: string): SquadcastErrorBody {
  return { meta: { status: statusCode, error_message: message } };
}

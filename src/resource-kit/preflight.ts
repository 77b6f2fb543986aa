import type * as pulumi from "@pulumi/pulumi";
import { InvalidSettingError, MissingCredentialError } from "../config";
import { ApiError } from "../http/errors";

// What `check` reads ahead so that a green preview means a green up.
//
// The engine runs `check` for every resource in both `pulumi preview` and `pulumi up`, with the inputs the
// state last recorded as `olds` (none for a resource about to be created), before deciding any step. A
// dynamic provider never sees `create` in a preview (its configure answer does not claim preview support),
// so `check` is the only place a preview can learn that `up` would fail. It reads only, only for resources
// that are created or whose remote target changes, and keeps its answers for the `create` of the same
// process: a preview with no change still makes no request, and `up` no more than before.

/**
 * A failure of a read-ahead as a check failure: on the argument the lookup was for, or on no argument
 * when the credentials or settings are at fault (a missing key, 401, 403), so the engine prints the
 * message `create` would have thrown, without a stack trace.
 *
 * @param error - what the lookup threw.
 * @param property - the argument the lookup was for.
 */
export function preflightFailure(error: unknown, property: string): pulumi.dynamic.CheckFailure {
  const reason = error instanceof Error ? error.message : String(error);
  return { property: isAboutCredentials(error) ? "" : property, reason };
}

function isAboutCredentials(error: unknown): boolean {
  if (error instanceof MissingCredentialError || error instanceof InvalidSettingError) return true;
  return error instanceof ApiError && (error.status === 401 || error.status === 403);
}

/**
 * Whether any of `fields` differs between the inputs the state recorded and the new ones: a resource
 * about to be created has no recorded inputs, so every field differs.
 */
export function changedAny<Inputs extends object>(
  olds: Partial<Inputs> | undefined,
  news: Inputs,
  fields: readonly (keyof Inputs)[],
): boolean {
  if (olds === undefined || Object.keys(olds).length === 0) return true;
  return fields.some((field) => JSON.stringify(olds[field]) !== JSON.stringify(news[field]));
}

/**
 * The `check` of a provider that reads ahead: the result of validating the inputs alone, with the
 * failures of the read-ahead when the inputs are valid. Invalid inputs are reported alone, without a
 * request: a lookup of a misspelt argument would only repeat its failure.
 *
 * @param checked - the result of validating the inputs alone.
 * @param readAhead - reads what `create` will depend on, for the validated inputs; resolves to its failures.
 */
export async function withReadAhead<Inputs>(
  checked: pulumi.dynamic.CheckResult,
  readAhead: (inputs: Inputs) => Promise<pulumi.dynamic.CheckFailure[]>,
): Promise<pulumi.dynamic.CheckResult> {
  if (checked.failures !== undefined && checked.failures.length > 0) return checked;
  const failures = await readAhead(checked.inputs as Inputs);
  return failures.length === 0 ? checked : { inputs: checked.inputs, failures };
}

import type * as pulumi from "@pulumi/pulumi";

/** A dynamic provider with the two steps a first `pulumi up` of a resource runs. */
type Provider<Inputs, State> = Required<
  Pick<pulumi.dynamic.ResourceProvider<Inputs, State>, "check" | "create">
>;

/**
 * Runs the engine's first step, check, on the arguments a program declares and fails the test, naming
 * every check failure, if the engine would stop there. Returns the inputs the engine would pass on.
 * `olds` are the inputs the state recorded: none (the default) for a resource about to be created,
 * whose check reads ahead what its create needs; an existing resource's for an update or a diff.
 */
export async function checked<Inputs, State>(
  provider: Provider<Inputs, State>,
  args: Record<string, unknown>,
  olds: Record<string, unknown> = {},
): Promise<Inputs> {
  const result = await provider.check(olds as Inputs, args as Inputs);
  const failures = failureLines(result);
  if (failures.length > 0) throw new Error(`check failed:\n${failures.join("\n")}`);
  return result.inputs as Inputs;
}

/**
 * Runs check on arguments as a program may give them, of any shape, and returns what it refused, one
 * `property: reason` line per failure, so one assertion covers which property and what it says.
 */
export async function checkFailures<Inputs>(
  provider: Required<Pick<pulumi.dynamic.ResourceProvider<Inputs>, "check">>,
  args: Record<string, unknown>,
): Promise<string[]> {
  return failureLines(await provider.check({} as Inputs, args as Inputs));
}

function failureLines(result: pulumi.dynamic.CheckResult): string[] {
  return (result.failures ?? []).map((failure) => `${failure.property}: ${failure.reason}`);
}

/**
 * Creates a resource the way `pulumi up` does: check, then create with the checked inputs.
 *
 * @returns the resource's id, its state, and the inputs the engine would record.
 */
export async function checkThenCreate<Inputs, State>(
  provider: Provider<Inputs, State>,
  args: Record<string, unknown>,
): Promise<{ id: string; outs: State; inputs: Inputs }> {
  const inputs = await checked(provider, args);
  const result = await provider.create(inputs);
  return { id: result.id, outs: result.outs as State, inputs };
}

/**
 * The pure half of a provider's check (its input validation, `checkInputs`) in the shape of a provider,
 * for the check-time tests that must run with no credentials and no network. The other half, the
 * read-ahead of a create, is tested against the sandbox.
 */
export function inputValidation<Inputs>(provider: {
  checkInputs(olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult>;
}): Required<Pick<pulumi.dynamic.ResourceProvider<Inputs>, "check">> {
  return { check: (olds, news) => provider.checkInputs(olds, news) };
}

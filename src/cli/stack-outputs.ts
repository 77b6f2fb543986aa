import type { EntitySelection } from "../mapping";
import { withoutUndefined } from "../resource-kit/without-undefined";
import type { VerifyOptions } from "../verify";
import { PulumiCliError } from "./io";

/**
 * What a stack's outputs say about the integration to verify: the string outputs `app`, `serviceId`,
 * `serviceName`, `team` and `webhookUrl`, and `include` (a preset name or a list). Other outputs are ignored.
 *
 * @param stack - the stack name, as `pulumi stack select` takes it.
 * @param runPulumi - runs the Pulumi CLI in the project directory and returns its stdout.
 * @throws {@link PulumiCliError} when Pulumi fails or prints something that is not a JSON object.
 */
export async function verifyOptionsFromStack(
  stack: string,
  runPulumi: (args: readonly string[]) => Promise<string>,
): Promise<Partial<VerifyOptions>> {
  // --show-secrets: the webhook URL is a secret output; it is only compared, never printed.
  const stdout = await runPulumi(["stack", "output", "--json", "--show-secrets", "--stack", stack]);
  let outputs: unknown;
  try {
    outputs = JSON.parse(stdout);
  } catch {
    throw new PulumiCliError(`pulumi stack output for stack ${stack} did not print JSON`);
  }
  if (typeof outputs !== "object" || outputs === null || Array.isArray(outputs)) {
    throw new PulumiCliError(`pulumi stack output for stack ${stack} did not print a JSON object`);
  }
  const record = outputs as Record<string, unknown>;
  const text = (name: string): string | undefined => {
    const value = record[name];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const include = record.include;
  return withoutUndefined({
    app: text("app"),
    serviceId: text("serviceId"),
    serviceName: text("serviceName"),
    team: text("team"),
    webhookUrl: text("webhookUrl"),
    include: typeof include === "string" || Array.isArray(include) ? (include as EntitySelection) : undefined,
  });
}

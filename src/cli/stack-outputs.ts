import type { OwnedWebhook } from "../discover";
import { entityListOf, type EntitySelection } from "../mapping";
import { withoutUndefined } from "../resource-kit/without-undefined";
import type { FleetVerifyTarget, VerifyOptions } from "../verify";
import { PulumiCliError } from "./io";

/** A stack's outputs, by name. */
export type StackOutputs = Readonly<Record<string, unknown>>;

/**
 * Reads a stack's outputs with `pulumi stack output --json --show-secrets` (the webhook URL is a secret
 * output; it is only compared, never printed).
 *
 * @param stack - the stack name, as `pulumi stack select` takes it.
 * @param runPulumi - runs the Pulumi CLI in the project directory and returns its stdout.
 * @throws {@link PulumiCliError} when Pulumi fails or prints something that is not a JSON object.
 */
export async function readStackOutputs(
  stack: string,
  runPulumi: (args: readonly string[]) => Promise<string>,
): Promise<StackOutputs> {
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
  return outputs as StackOutputs;
}

/** What a stack's outputs say about one integration, each field missing when the stack exports none. */
export interface StackIntegration extends Partial<Omit<VerifyOptions, "service">> {
  /** The service as exported: `serviceId`, `serviceName` and `team`, whichever the stack has. */
  readonly service?: { readonly id?: string; readonly name?: string; readonly team?: string };
}

/**
 * What a stack's outputs say about one integration: the string outputs `app`, `serviceId`,
 * `serviceName`, `team` and `webhookUrl`, and `entities` (a set, a preset name or a list). Other outputs are ignored.
 *
 * @param outputs - from {@link readStackOutputs}.
 */
export function integrationOptionsFrom(outputs: StackOutputs): StackIntegration {
  const text = (name: string): string | undefined => textOf(outputs[name]);
  return withoutUndefined({
    app: text("app"),
    service: withoutUndefined({ id: text("serviceId"), name: text("serviceName"), team: text("team") }),
    webhookUrl: text("webhookUrl"),
    entities: selectionOf(outputs.entities),
  });
}

/**
 * The apps of every fleet the stack exports: each output shaped like a fleet's `apps` (an object of
 * apps, each with a `serviceId`), under any name. Empty when the stack exports none.
 *
 * @param outputs - from {@link readStackOutputs}.
 */
export function fleetTargetsFrom(outputs: StackOutputs): FleetVerifyTarget[] {
  return fleetAppsIn(outputs).map(([app, wiring]) =>
    withoutUndefined({
      app,
      service: { id: wiring.serviceId as string },
      entities: selectionOf(wiring.entities),
    }),
  );
}

/**
 * The webhooks a stack says it manages: each app of every fleet it exports (its `apps`, with the
 * webhook's id), and an integration's `app` (with `webhookId` when exported). Empty when the stack
 * exports neither, and then nothing tells which webhooks it manages.
 *
 * @param outputs - from {@link readStackOutputs}.
 */
export function managedWebhooksFrom(outputs: StackOutputs): OwnedWebhook[] {
  const owned: OwnedWebhook[] = fleetAppsIn(outputs).map(([app, wiring]) =>
    withoutUndefined({ app, webhookId: textOf(wiring.webhookId) }),
  );
  const app = textOf(outputs.app);
  if (app !== undefined) owned.push(withoutUndefined({ app, webhookId: textOf(outputs.webhookId) }));
  return owned;
}

/** Each app of every output shaped like a fleet's `apps`, with what the fleet exports for it. */
function fleetAppsIn(outputs: StackOutputs): [string, Record<string, unknown>][] {
  return Object.values(outputs).flatMap((value) => {
    if (!isRecord(value)) return [];
    const entries = Object.entries(value);
    const fleet =
      entries.length > 0 && entries.every(([, app]) => isRecord(app) && typeof app.serviceId === "string");
    return fleet ? (entries as [string, Record<string, unknown>][]) : [];
  });
}

/** A non-empty string, else undefined. */
function textOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A preset or list as exported, or the set the resources export now, as a list. */
function selectionOf(value: unknown): EntitySelection | undefined {
  if (typeof value === "string" || Array.isArray(value)) return value as EntitySelection;
  return isRecord(value) ? entityListOf(value) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

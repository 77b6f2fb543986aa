import * as pulumi from "@pulumi/pulumi";
import type { AlertSourceArgs } from "../squadcast/alert-source";

/**
 * A Squadcast service named by its id.
 *
 * @typeParam Value - `pulumi.Input<string>` where outputs of other resources may be used; `string` where
 * the component must know the value while the program runs (a fleet names its children after it).
 */
export interface ServiceById<Value = pulumi.Input<string>> {
  /** The service's id (24 letters and digits). */
  readonly id: Value;
  /**
   * The team that owns the service, by name or id. When given, the alert source refuses a service of
   * another team. Default: the team is not checked.
   */
  readonly team?: Value;
}

/**
 * A Squadcast service named by its name within a team (service names are unique per team only).
 *
 * @typeParam Value - as for {@link ServiceById}.
 */
export interface ServiceByName<Value = pulumi.Input<string>> {
  /** The service's name, as shown in Squadcast. */
  readonly name: Value;
  /** The team that owns the service, by name or id. */
  readonly team: Value;
}

/**
 * Which Squadcast service receives a Heroku app's events: `{ id }` or `{ name, team }`.
 *
 * @example
 * const byName: ServiceReference = { name: "payments", team: "Platform" };
 * const byId: ServiceReference = { id: "5f8891527f735f0008fdb5b2" };
 */
export type ServiceReference<Value = pulumi.Input<string>> = ServiceById<Value> | ServiceByName<Value>;

/** A {@link ServiceReference} whose fields are plain strings, as a fleet needs them. */
export type PlainServiceReference = ServiceReference<string>;

/**
 * The {@link AlertSourceArgs} that make an alert source on the referenced service.
 *
 * @throws Error when the reference names the service both by id and by name, or by neither (possible
 * from JavaScript, where the types do not guard it).
 */
export function alertSourceArgsOf(service: ServiceReference): AlertSourceArgs {
  return isById(service)
    ? { serviceId: service.id, team: service.team }
    : { serviceName: service.name, team: service.team };
}

/**
 * A stable key for a service reference: `"<team>/<name>"` for a reference by name, the id for a
 * reference by id. Two references with the same key are the same service, so a fleet makes one alert
 * source for them; the key is also what the fleet's `serviceIds` output is keyed by.
 *
 * The team of a reference by id is left out: it only guards the id, and the id alone identifies the
 * service.
 *
 * @throws Error when a field the key needs is missing or empty.
 */
export function serviceKey(service: PlainServiceReference): string {
  if (isById(service)) {
    return requireText(service.id, "id", service);
  }
  const team = requireText(service.team, "team", service);
  return `${team}/${requireText(service.name, "name", service)}`;
}

/**
 * A service key made fit for a resource name: lowercase letters, digits and dashes
 * (`"Default Team/shop-service"` → `"default-team-shop-service"`).
 */
export function serviceSlug(key: string): string {
  return key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function isById<Value>(service: ServiceReference<Value>): service is ServiceById<Value> {
  const byId = "id" in service && service.id !== undefined;
  const byName = "name" in service && service.name !== undefined;
  if (byId === byName) {
    throw new Error(
      `A Squadcast service reference needs either id or name (with team), not ${byId ? "both" : "neither"}: ` +
        `got ${describe(service)}`,
    );
  }
  return byId;
}

function requireText(value: unknown, field: string, service: object): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new Error(
      `A Squadcast service reference needs ${field} as a non-empty string here, got ${describe(service)}` +
        (typeof value === "object" && value !== null
          ? ": a fleet names its alert sources after the service, so it cannot take an output or a promise"
          : ""),
    );
  }
  return value;
}

/** Shows a reference in an error without calling `toJSON` on outputs, which Pulumi refuses. */
function describe(service: object): string {
  const fields = Object.entries(service).map(([field, value]: [string, unknown]) => {
    if (pulumi.Output.isInstance(value)) return `${field}: <output>`;
    if (value instanceof Promise) return `${field}: <promise>`;
    return `${field}: ${JSON.stringify(value)}`;
  });
  return `{ ${fields.join(", ")} }`;
}

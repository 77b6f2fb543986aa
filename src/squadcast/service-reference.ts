import * as pulumi from "@pulumi/pulumi";

// The ways to name a Squadcast service, shared by squadcast.AlertSource and the components.

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
 * Whether a reference names the service by id (else by name and team).
 *
 * @throws Error when it names the service both by id and by name, or by neither (possible from
 * JavaScript, where the types do not guard it).
 */
export function isServiceById<Value>(service: ServiceReference<Value>): service is ServiceById<Value> {
  const byId = "id" in service && service.id !== undefined;
  const byName = "name" in service && service.name !== undefined;
  if (byId === byName) {
    throw new Error(
      `A Squadcast service reference needs either id or name (with team), not ${byId ? "both" : "neither"}: ` +
        `got ${describeServiceReference(service)}`,
    );
  }
  return byId;
}

/** Shows a reference in an error without calling `toJSON` on outputs, which Pulumi refuses. */
export function describeServiceReference(service: object): string {
  const fields = Object.entries(service).map(([field, value]: [string, unknown]) => {
    if (pulumi.Output.isInstance(value)) return `${field}: <output>`;
    if (value instanceof Promise) return `${field}: <promise>`;
    return `${field}: ${JSON.stringify(value)}`;
  });
  return `{ ${fields.join(", ")} }`;
}

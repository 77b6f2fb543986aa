// The one way to name a Squadcast service, shared by squadcast.AlertSource, the components, verify,
// discover and the fleet's verify. It knows nothing of Pulumi: the resources choose the value type.

/**
 * A Squadcast service named by its id.
 *
 * @typeParam Value - `string`, or `pulumi.Input<string>` where outputs of other resources may be used
 * (`squadcast.AlertSource`, `HerokuSquadcastIntegration`).
 */
export interface ServiceById<Value = string> {
  /** The service's id (24 letters and digits). */
  readonly id: Value;
  /**
   * The team that owns the service, by name or id. When given, the service must belong to it.
   *
   * @defaultValue none: the team is not checked
   */
  readonly team?: Value;
}

/**
 * A Squadcast service named by its name within a team (service names are unique per team only).
 *
 * @typeParam Value - as for {@link ServiceById}.
 */
export interface ServiceByName<Value = string> {
  /** The service's name, as shown in Squadcast. */
  readonly name: Value;
  /** The team that owns the service, by name or id. */
  readonly team: Value;
}

/**
 * Which Squadcast service: `{ id }` (with an optional `team` to check) or `{ name, team }`.
 *
 * @typeParam Value - as for {@link ServiceById}.
 * @example
 * const byName: ServiceReference = { name: "payments", team: "Platform" };
 * const byId: ServiceReference = { id: "5f8891527f735f0008fdb5b2" };
 */
export type ServiceReference<Value = string> = ServiceById<Value> | ServiceByName<Value>;

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
      `service needs either id or name (with team), not ${byId ? "both" : "neither"}: ` +
        `got ${describeServiceReference(service)}`,
    );
  }
  return byId;
}

/**
 * What is missing from a reference with plain strings, in the words of the fields the user wrote
 * (`service.team is required with service.name`), or undefined when it is complete.
 */
export function serviceReferenceProblem(
  service: Partial<Record<"id" | "name" | "team", unknown>>,
): string | undefined {
  const given = (value: unknown) => value !== undefined && value !== "";
  if (given(service.id) && given(service.name)) return "give service.id or service.name, not both";
  if (!given(service.id) && !given(service.name)) return "give service.id, or service.name with service.team";
  if (given(service.name) && !given(service.team))
    return "service.team is required with service.name (a team name or id)";
  return undefined;
}

/**
 * Shows a reference in an error. A field that is not a plain value (a Pulumi output, a promise) is shown
 * by its kind only: Pulumi refuses `toJSON` on outputs, and an output may be secret.
 */
export function describeServiceReference(service: object): string {
  const fields = Object.entries(service).map(([field, value]: [string, unknown]) => {
    if (value instanceof Promise) return `${field}: <promise>`;
    if (typeof value === "object" && value !== null) return `${field}: <output>`;
    return `${field}: ${JSON.stringify(value)}`;
  });
  return `{ ${fields.join(", ")} }`;
}

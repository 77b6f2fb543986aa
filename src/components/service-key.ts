import type * as pulumi from "@pulumi/pulumi";
import type { AlertSourceArgs } from "../squadcast/alert-source";
import {
  describeServiceReference,
  isServiceById,
  type ServiceReference,
} from "../clients/squadcast/service-reference";

export type { ServiceById, ServiceByName, ServiceReference } from "../clients/squadcast/service-reference";

/**
 * The {@link AlertSourceArgs} that make an alert source on the referenced service.
 *
 * @throws Error when the reference names the service both by id and by name, or by neither (possible
 * from JavaScript, where the types do not guard it).
 */
export function alertSourceArgsOf(service: ServiceReference<pulumi.Input<string>>): AlertSourceArgs {
  isServiceById(service);
  return { service };
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
export function serviceKey(service: ServiceReference): string {
  if (isServiceById(service)) {
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

function requireText(value: unknown, field: string, service: object): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new Error(
      `service.${field} must be a non-empty string here, got ${describeServiceReference(service)}` +
        (typeof value === "object" && value !== null
          ? ": a fleet names its alert sources after the service, so it cannot take an output or a promise"
          : ""),
    );
  }
  return value;
}

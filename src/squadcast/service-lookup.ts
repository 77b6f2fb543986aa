import type * as pulumi from "@pulumi/pulumi";
import { isNotFoundError } from "../http/errors";
import type { SquadcastService } from "../clients/squadcast/client";
import { isServiceById, type ServiceReference } from "../clients/squadcast/service-reference";
import type { ProviderContext } from "../resource-kit/context";
import { SQUADCAST_ID } from "./alert-source-inputs";

/** A service as the provider side of a resource names it: by id (team optional) or by name and team. */
export interface ServiceLookup {
  readonly serviceId?: string;
  readonly serviceName?: string;
  readonly team?: string;
}

/**
 * The {@link ServiceLookup} fields a resource registers for its `service` argument (`squadcast.AlertSource`,
 * `squadcast.DedupKeyOverlay`).
 */
export function serviceFieldsOf(
  service: ServiceReference<pulumi.Input<string>>,
): Record<keyof ServiceLookup, pulumi.Input<string> | undefined> {
  // Every key is kept, undefined or not: the resource's outputs are the keys it registers.
  return isServiceById(service)
    ? { serviceId: service.id, serviceName: undefined, team: service.team }
    : { serviceId: undefined, serviceName: service.name, team: service.team };
}

/**
 * Finds a Squadcast service once per provider process, under the same remembered keys as
 * `squadcast.AlertSource`'s lookup, so an integration's alert source and overlay share one request.
 * Errors name the argument to fix.
 */
export function lookUpService(context: ProviderContext, lookup: ServiceLookup): Promise<SquadcastService> {
  const squadcast = context.squadcast();
  const key = `squadcast-service:${lookup.serviceId ?? `${lookup.team}/${lookup.serviceName}`}`;
  return context.remember(key, async () => {
    if (lookup.serviceId !== undefined) {
      const service = await squadcast.getService(lookup.serviceId).catch((error: unknown) => {
        throw notFound(error, `Squadcast service ${lookup.serviceId} not found: check service.id`);
      });
      if (lookup.team !== undefined && service.teamId !== (await lookUpTeamId(context, lookup.team))) {
        throw new Error(
          `Squadcast service ${service.name} belongs to another team than ${lookup.team}: check service.team`,
        );
      }
      return service;
    }
    const teamId = await lookUpTeamId(context, lookup.team ?? "");
    const service = await squadcast.getServiceByName(lookup.serviceName ?? "", teamId);
    if (!service) {
      throw new Error(
        `Squadcast service "${lookup.serviceName}" not found in team ${lookup.team}: check service.name`,
      );
    }
    return service;
  });
}

/** Finds a team by name or id, once per provider process; errors name `service.team`. */
export function lookUpTeamId(context: ProviderContext, team: string): Promise<string> {
  return context.remember(`squadcast-team:${team}`, async () => {
    const squadcast = context.squadcast();
    const message = `Squadcast team "${team}" not found: check service.team (a team name or id)`;
    const found = await (
      SQUADCAST_ID.test(team) ? squadcast.getTeam(team) : squadcast.getTeamByName(team)
    ).catch((error: unknown) => {
      throw notFound(error, message);
    });
    if (!found) throw new Error(message);
    return found.id;
  });
}

function notFound(error: unknown, message: string): unknown {
  return isNotFoundError(error) ? new Error(message) : error;
}

import { z } from "zod";
import { orUnknown } from "../resource-kit/unknown";

// The validation of AlertSource's arguments at check time, kept apart from the provider's API work.

/** What a Squadcast id looks like (a service's, a team's): 24 letters and digits. */
export const SQUADCAST_ID = /^[0-9a-z]{24}$/i;

/** The arguments `check` validates: the service by id, or by name with its team; unknown values pass. */
export const alertSourceInputSchema = z
  .object({
    serviceId: orUnknown(
      z
        .string({ error: "service.id must be a string" })
        .regex(SQUADCAST_ID, "service.id must be a Squadcast service id: 24 letters and digits"),
    ).optional(),
    serviceName: orUnknown(
      z
        .string({ error: "service.name must be a string" })
        .trim()
        .min(1, "service.name must not be empty")
        .max(200, "service.name must be at most 200 characters"),
    ).optional(),
    team: orUnknown(
      z
        .string({ error: "service.team must be a string: a team name or id" })
        .trim()
        .min(1, "service.team must not be empty")
        .max(200, "service.team must be at most 200 characters"),
    ).optional(),
    shortName: orUnknown(
      z
        .string({ error: "shortName must be a string" })
        .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "shortName must be a lowercase alert source slug such as heroku"),
    ).default("heroku"),
    apps: orUnknown(
      z.array(orUnknown(z.string({ error: "apps must be Heroku app names or ids" })), {
        error: "apps must be a list of Heroku app names or ids",
      }),
    ).optional(),
  })
  .superRefine((inputs, context) => {
    if (inputs.serviceId !== undefined && inputs.serviceName !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["serviceName"],
        message: "give service.id or service.name, not both",
      });
    } else if (inputs.serviceId === undefined && inputs.serviceName === undefined) {
      context.addIssue({
        code: "custom",
        path: ["serviceId"],
        message: "give service.id, or service.name with service.team",
      });
    } else if (inputs.serviceName !== undefined && inputs.team === undefined) {
      context.addIssue({
        code: "custom",
        path: ["team"],
        message: "service.team is required with service.name (a name or id)",
      });
    }
  });

/**
 * The service id and the alert source of an import id `<service id>/<alert source short name>`, the
 * format of both the alert source and the dedup-key overlay of that alert source.
 *
 * @param id - the id given to `pulumi import`.
 * @throws Error naming the format when the id has another shape.
 */
export function parseServiceSourceId(id: string): [serviceId: string, alertSource: string] {
  const match = /^([0-9a-z]{24})\/([0-9a-z-]+)$/i.exec(id);
  if (!match) {
    throw new Error(
      `import id ${JSON.stringify(id)} is not "<service id>/<alert source short name>" ` +
        '(e.g. "5f8891527f735f0008fdb5b2/heroku")',
    );
  }
  return [match[1], match[2]];
}

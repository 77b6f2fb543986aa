import type { InputShape } from "./door";

type Properties = Record<string, unknown>;

/**
 * The service of an alert source or a dedup key overlay: one `service` object (`{ id, team? }` or
 * `{ name, team }`) in the schema, as the TypeScript resources take it; the implementation's inputs (and
 * every stack's state) keep it as `serviceId`, `serviceName` and `team`.
 */
export const SERVICE_REFERENCE_SHAPE: InputShape = {
  toImplementation({ service, ...rest }: Properties): Properties {
    if (typeof service !== "object" || service === null) {
      // Not known yet in a preview (the engine's placeholder string), or missing: check says which.
      return service === undefined ? rest : { ...rest, serviceId: service };
    }
    const { id, name, team } = service as Properties;
    return dropUndefined({ ...rest, serviceId: id, serviceName: name, team });
  },
  fromImplementation({ serviceId, serviceName: _name, team, ...rest }: Properties): Properties {
    return { ...rest, service: dropUndefined({ id: serviceId, team }) };
  },
  propertyName(property: string): string {
    return ["serviceId", "serviceName", "team"].includes(property) ? "service" : property;
  },
};

function dropUndefined(properties: Properties): Properties {
  return Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== undefined));
}

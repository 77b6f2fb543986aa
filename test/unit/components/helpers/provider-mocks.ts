import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { resolveEntitySet } from "../../../../src/mapping";
import { recordRegistrations, unwrapped, valueOf, type Registration } from "../../../support/recording-mocks";

export { valueOf, type Registration };

export const ALERT_SOURCE = "pulumi-nodejs:dynamic/squadcast:AlertSource";
export const APP_WEBHOOK = "pulumi-nodejs:dynamic/heroku:AppWebhook";
export const DEDUP_KEY_OVERLAY = "pulumi-nodejs:dynamic/squadcast:DedupKeyOverlay";
export const INTEGRATION = "heroku-squadcast:index:Integration";
export const FLEET = "heroku-squadcast:index:Fleet";

/** The catalog id of Squadcast's Heroku alert source type, as the mock catalog holds it. */
export const HEROKU_ALERT_SOURCE_ID = "5e2a3c4b5d6e7f8091a2b3c4";

/**
 * Records every registration (emptied before each test) and answers like the real providers would, so
 * that wiring can be followed from one resource's outputs into another's inputs. Outputs are derived from
 * the inputs, so the same service always gets the same key and URL.
 */
export function installProviderMocks(): Registration[] {
  return recordRegistrations((args) => {
    switch (args.type) {
      case ALERT_SOURCE:
        return alertSourceState(args.inputs);
      case APP_WEBHOOK:
        return appWebhookState(args.inputs);
      case DEDUP_KEY_OVERLAY:
        return {
          id: `${args.name}-id`,
          state: { ...args.inputs, origin: "created", previousDedupKeyEnabled: false },
        };
      case INTEGRATION:
      case FLEET:
        return { id: undefined, state: {} };
      default:
        throw new Error(`Mock resource not implemented: ${args.type}`);
    }
  });
}

function alertSourceState(inputs: Record<string, unknown>): pulumi.runtime.MockResourceResult {
  const serviceId = typeof inputs.serviceId === "string" ? inputs.serviceId : fakeId(`${inputs.serviceName}`);
  return {
    id: `${serviceId}/${HEROKU_ALERT_SOURCE_ID}`,
    state: {
      ...inputs,
      serviceId,
      serviceName: inputs.serviceName ?? `service-${serviceId}`,
      teamId: fakeId(`team:${inputs.team}`),
      alertSourceId: HEROKU_ALERT_SOURCE_ID,
      webhookUrl: webhookUrlOfService(serviceId),
      addedByThisResource: true,
    },
  };
}

function appWebhookState(inputs: Record<string, unknown>): pulumi.runtime.MockResourceResult {
  const resolution = resolveEntitySet(inputs.entities);
  if (!resolution.ok) throw new Error(`invalid entities: ${resolution.errors.join("; ")}`);
  const webhookId = webhookIdOf(`${inputs.app}`);
  return {
    id: webhookId,
    state: {
      ...inputs,
      url: plain(inputs.url),
      entities: resolution.entities,
      webhookId,
      appId: fakeId(`app:${inputs.app}`),
      appName: inputs.app,
    },
  };
}

/** The URL the mock alert source of a service reports: the one its webhooks must deliver to. */
export function webhookUrlOfService(serviceId: string): string {
  return `https://api.squadcast.com/v2/incidents/heroku/${fakeId(`key:${serviceId}`)}`;
}

/** The service id the mock gives a service named by name. */
export function serviceIdOfName(serviceName: string): string {
  return fakeId(serviceName);
}

/** The webhook id the mock gives an app's webhook. */
export function webhookIdOf(app: string): string {
  const hex = createHash("sha256").update(`webhook:${app}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A stable 24-character Squadcast-style id derived from a seed, as the mocks assign them. */
export function fakeId(seed: string): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, 24);
}

/** How a secret input reaches the engine: wrapped, so the engine encrypts it in state. */
export function secretInput(value: unknown): Record<string, unknown> {
  return { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value };
}

/** An input's value, whether or not it was sent as a secret. */
export function plain(value: unknown): unknown {
  return unwrapped(value).value;
}

/** Waits until every given resource is registered, so the recorded registrations are complete. */
export async function registered(resources: readonly pulumi.Resource[]): Promise<void> {
  await Promise.all(resources.map((resource) => valueOf(resource.urn)));
}

/** The registrations of one type, by resource name. */
export function byName(registrations: readonly Registration[], type: string): Map<string, Registration> {
  return new Map(registrations.filter((entry) => entry.type === type).map((entry) => [entry.name, entry]));
}

/**
 * The type chain in a URN, e.g. `heroku-squadcast:index:Integration$pulumi-nodejs:dynamic/heroku:AppWebhook`:
 * it names the parent types, which is how the engine records parenting.
 */
export function typeChainOf(urn: string): string {
  return urn.split("::")[2];
}

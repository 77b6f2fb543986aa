import * as pulumi from "@pulumi/pulumi";
import { HerokuSquadcastIntegration, type mapping } from "pulumi-heroku-squadcast";

/** What the basic example wires; every field falls back to stack config, then to the sandbox's fixture. */
export interface BasicProgramOptions {
  /** The Heroku app. Default: config `app`, else `demo-app`. */
  readonly app?: string;
  /** The Squadcast service. Default: config `service`, else `demo-service`. */
  readonly service?: string;
  /** The service's team. Default: config `team`, else `Default Team`. */
  readonly team?: string;
}

/** The stack outputs of the basic example. */
export interface BasicProgramOutputs {
  /** The Heroku webhook's id. */
  readonly webhookId: pulumi.Output<string>;
  /** The id of Squadcast's Heroku alert source type, now active on the service. */
  readonly alertSourceId: pulumi.Output<string>;
  /** The Heroku app: with `serviceId` and `entities`, what `heroku-squadcast verify --stack` checks. */
  readonly app: pulumi.Output<string>;
  /** The Squadcast service's id. */
  readonly serviceId: pulumi.Output<string>;
  /** The entities the webhook delivers, as a set: `{ "api:build": true, … }`. */
  readonly entities: pulumi.Output<mapping.EntitySet>;
}

/**
 * One Heroku app paging one Squadcast service about every entity Heroku emits. A function, so tests
 * can run the same program inline through the Automation API.
 */
export function basicProgram(options: BasicProgramOptions = {}): BasicProgramOutputs {
  const config = new pulumi.Config();
  const integration = new HerokuSquadcastIntegration("demo", {
    app: options.app ?? config.get("app") ?? "demo-app",
    service: {
      name: options.service ?? config.get("service") ?? "demo-service",
      team: options.team ?? config.get("team") ?? "Default Team",
    },
  });
  return {
    webhookId: integration.webhookId,
    alertSourceId: integration.alertSourceId,
    app: integration.app,
    serviceId: integration.serviceId,
    entities: integration.entities,
  };
}

import { HerokuSquadcastIntegration } from "../components";
import type { EntitySelection } from "../mapping";

/** Options of {@link demoProgram}. */
export interface DemoProgramOptions {
  /**
   * The entities the demo app's webhook delivers.
   *
   * @defaultValue `"all"` ({@link mapping.DEFAULT_ENTITIES})
   */
  readonly entities?: EntitySelection;
}

/**
 * The demo stack: the sandbox's `demo-app` feeding the Squadcast service `demo-service`, exactly what a
 * team writes for one app. Used by `npm run demo` and by the root `Pulumi.yaml`.
 */
export function demoProgram(options: DemoProgramOptions = {}) {
  const integration = new HerokuSquadcastIntegration("demo", {
    app: "demo-app",
    service: { name: "demo-service", team: "Default Team" },
    entities: options.entities ?? "all",
    // The demo's service is the sandbox's own: one incident per failing streak.
    deduplicate: true,
  });
  return {
    webhookId: integration.webhookId,
    alertSourceId: integration.alertSourceId,
    entities: integration.entities,
    webhookUrl: integration.webhookUrl,
  };
}

/**
 * The main entry point: the components (`HerokuSquadcastIntegration`, `HerokuSquadcastFleet`,
 * `HerokuSentryReleases`), the resources of each API under the `heroku`, `squadcast` and `sentry`
 * namespaces, the entity table under `mapping`, and `discover` and `verify` for existing estates.
 *
 * @module pulumi-heroku-squadcast
 */
export * as heroku from "./heroku";
export * as squadcast from "./squadcast";
export * as sentry from "./sentry";
export * as mapping from "./mapping";
export * from "./components";
export * from "./verify";
export type {
  ConfigKeyNames,
  HerokuSettings,
  ProviderSettings,
  SquadcastRegion,
  SquadcastSettings,
} from "./config";
export { STACK_CONFIG_KEY_NAMES } from "./config";
export {
  discover,
  planDiscovery,
  renderProgram,
  scanEstate,
  type AdoptedApp,
  type DiscoverOptions,
  type Discovery,
  type DiscoveryPlan,
  type DuplicateNote,
  type EstateScan,
  type ManagedNote,
  type OwnedWebhook,
  type PlannedRoute,
  type ProgramSource,
  type ScanOptions,
  type ScanProgress,
  type ScannedApp,
  type ScannedService,
  type ServiceDeduplication,
  type SkippedApp,
  type StackOwnership,
  type WebhookNote,
} from "./discover";

import type * as pulumi from "@pulumi/pulumi";
import type { DedupKeyOverlayArgs } from "../squadcast/dedup-key-overlay";
import type { ServiceReference } from "./service-key";

/** How a component deduplicates its service's Heroku alerts, beyond switching it on. */
export interface DeduplicateSettings {
  /**
   * How long, in minutes, an open incident takes in repeated triggers: 1 to 2880 (48 hours).
   *
   * @defaultValue 1440 ({@link mapping.DEFAULT_DEDUP_WINDOW_MINUTES})
   */
  readonly windowMinutes?: pulumi.Input<number>;
  /**
   * Replace a Heroku dedup-key overlay another owner set on the service (destroy puts it back). Without
   * it, such an overlay stops `preview` and `up` with one message, before any change.
   *
   * @defaultValue false
   */
  readonly takeOver?: pulumi.Input<boolean>;
}

/**
 * `true` (or settings) for one incident per failing streak: Squadcast key-based deduplication on the
 * service's Heroku alert source (`squadcast.DedupKeyOverlay` with the mapping's key template).
 */
export type Deduplicate = boolean | DeduplicateSettings;

/**
 * Off unless asked: turning on a service's key-based deduplication deactivates the Deduplication Rules its
 * owners may have (Squadcast's guide), and a stack written before this option must preview no change.
 */
export const DEFAULT_DEDUPLICATE: Deduplicate = false;

/** The arguments of the overlay a component makes for `deduplicate`, or undefined when it is off. */
export function dedupKeyOverlayArgsOf(
  service: ServiceReference<pulumi.Input<string>>,
  deduplicate: Deduplicate | undefined,
): DedupKeyOverlayArgs | undefined {
  const chosen = deduplicate ?? DEFAULT_DEDUPLICATE;
  if (chosen === false) return undefined;
  return chosen === true
    ? { service }
    : { service, windowMinutes: chosen.windowMinutes, takeOver: chosen.takeOver };
}

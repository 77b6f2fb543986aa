import type { ServiceReference } from "../clients/squadcast/service-reference";
import type { WebhookLevel } from "../clients/heroku/types";
import type { HerokuWebhook } from "../clients/heroku/types";
import type { EntitySelection } from "../mapping";

/** One Heroku app as the scan found it, with every webhook it has. */
export interface ScannedApp {
  /** App UUID. */
  readonly id: string;
  /** App name. */
  readonly name: string;
  /** The app's webhooks, whatever they deliver to. */
  readonly webhooks: readonly HerokuWebhook[];
}

/**
 * One Squadcast service as the scan found it. It holds the service's key, so a scan result must never be
 * printed or written anywhere: {@link planDiscovery} turns it into a plan without keys.
 */
export interface ScannedService {
  /** Service id. */
  readonly id: string;
  /** Service name. */
  readonly name: string;
  /**
   * The owning team's name, when the scan could tell.
   *
   * @defaultValue undefined (the program names the service by id)
   */
  readonly teamName?: string;
  /** The service's key: the last segment of its alert-source URLs. A SECRET. */
  readonly apiKey: string;
  /**
   * `dedup_key_enabled`, when the service list carried it.
   *
   * @defaultValue undefined (read with the overlay)
   */
  readonly dedupKeyEnabled?: boolean;
  /**
   * Whether it deduplicates its Heroku alerts: read only for services some webhook delivers to.
   *
   * @defaultValue undefined (not read: no webhook delivers to it, or the refresh token's role may not read it)
   */
  readonly deduplication?: ServiceDeduplication;
}

/** Whether a service deduplicates its Heroku alerts (Squadcast key-based deduplication), as discover read it. */
export interface ServiceDeduplication {
  /** `dedup_key_enabled`: the service applies its dedup-key overlays. */
  readonly enabled: boolean;
  /**
   * The Heroku alert source's dedup-key overlay: none, one with this package's key template (which
   * `deduplicate` adopts), or one with another owner's template.
   */
  readonly overlay: "none" | "package" | "other";
  /**
   * The overlay's window, in minutes.
   *
   * @defaultValue undefined (no overlay)
   */
  readonly windowMinutes?: number;
}

/** What a scan read from both APIs. */
export interface EstateScan {
  /** The apps, in the order Heroku listed them. */
  readonly apps: readonly ScannedApp[];
  /** Every service the refresh token can see. */
  readonly services: readonly ScannedService[];
  /**
   * Apps that could not be read (deleted during the scan, or no access to their webhooks).
   *
   * @defaultValue none
   */
  readonly skipped?: readonly SkippedApp[];
}

/** An app the scan could not read. */
export interface SkippedApp {
  /** App name. */
  readonly app: string;
  /** Why, in one line. */
  readonly reason: string;
}

/** Where a webhook delivers, as far as discover is concerned. */
export type WebhookDestination =
  /** To a known Squadcast service (its key is in the URL). */
  | { readonly kind: "service"; readonly serviceId: string }
  /** To a Squadcast Heroku URL whose key matches no service: the service was deleted, or the key rotated. */
  | { readonly kind: "stale" }
  /** Anywhere else: left alone. */
  | { readonly kind: "other" };

/** An app of the written program: its existing webhook is adopted. */
export interface AdoptedApp {
  /** App name. */
  readonly app: string;
  /** The webhook adopted: the program says `adopt: "<app>/<webhookId>"`. */
  readonly webhookId: string;
  /**
   * The webhook's entities, only where they differ from the fleet's.
   *
   * @defaultValue the fleet's
   */
  readonly entities?: EntitySelection;
  /**
   * The webhook's level, only where it differs from the fleet's.
   *
   * @defaultValue the fleet's
   */
  readonly level?: WebhookLevel;
}

/** One route of the written fleet: a service and the apps whose webhooks deliver to it. */
export interface PlannedRoute {
  /**
   * The service as the program names it: `{ name, team }`, or `{ id }` when its team is not known.
   */
  readonly service: ServiceReference;
  /** The service's name, for the comment beside a reference by id and for sorting. */
  readonly serviceName: string;
  /** The apps, by name. */
  readonly apps: readonly AdoptedApp[];
  /**
   * Whether the service deduplicates its Heroku alerts.
   *
   * @defaultValue undefined (the refresh token's role may not read it)
   */
  readonly deduplication?: ServiceDeduplication;
}

/** A webhook discover leaves alone, for the user to look at. Its URL is shown with the key masked. */
export interface WebhookNote {
  /** App name. */
  readonly app: string;
  /** Webhook id. */
  readonly webhookId: string;
  /** The URL, its last segment (a key) masked as `***`. */
  readonly url: string;
}

/**
 * An app with more than one webhook to Squadcast: one is adopted; the first `pulumi up` deletes the others
 * with the same URL (each event would page twice), and the rest are the user's to remove.
 */
export interface DuplicateNote {
  /** App name. */
  readonly app: string;
  /** The webhook adopted (the oldest). */
  readonly adopted: string;
  /** The other webhooks to Squadcast services, left in place: each event pages once per webhook. */
  readonly leftToRemove: readonly string[];
}

/**
 * What another Pulumi stack manages, as its outputs tell: discover leaves these apps out of the program,
 * so that adopting never makes two stacks own one webhook. Discover knows nothing of how it was read.
 */
export interface StackOwnership {
  /** The stack's name, for the report. */
  readonly stack: string;
  /** The apps whose webhook the stack manages. */
  readonly apps: readonly OwnedWebhook[];
}

/** One app whose webhook a stack manages. */
export interface OwnedWebhook {
  /** The app, by name or id (as the stack's program wrote it). */
  readonly app: string;
  /**
   * The webhook's id, where the stack exports it.
   *
   * @defaultValue unknown, and the app alone is the evidence
   */
  readonly webhookId?: string;
}

/** An app another stack manages, left out of the program: its webhooks stay that stack's. */
export interface ManagedNote {
  /** App name. */
  readonly app: string;
  /**
   * The app's webhooks to Squadcast, and the one the stack names, left in place. Empty when none is left:
   * the stack's webhook was deleted, and that stack's `pulumi up --refresh` makes it again.
   */
  readonly webhookIds: readonly string[];
  /** The evidence: the stack names one of the app's webhooks by id, or names only the app (by name or id). */
  readonly matchedBy: "webhook id" | "app";
}

/** What discover found and what the written program does about it. Holds no key. */
export interface DiscoveryPlan {
  /** The fleet's resource name. */
  readonly fleetName: string;
  /** The fleet's defaults: the entities and level most adopted webhooks have. */
  readonly defaults: {
    /** The entities most adopted webhooks deliver; the program gives the fleet these. */
    readonly entities: EntitySelection;
    /** The delivery level most adopted webhooks have. */
    readonly level: WebhookLevel;
  };
  /** One route per service that some app delivers to, by service name. */
  readonly routes: readonly PlannedRoute[];
  /** Apps without a webhook to a known Squadcast service (a stale one pages no one), by name. */
  readonly unmonitored: readonly string[];
  /** Webhooks to a Squadcast Heroku URL whose key matches no service. */
  readonly stale: readonly WebhookNote[];
  /** Apps with more than one webhook to a Squadcast service. */
  readonly duplicates: readonly DuplicateNote[];
  /** Webhooks to other receivers, left alone. */
  readonly otherReceivers: readonly WebhookNote[];
  /**
   * Services that receive Heroku events without deduplication, by name: every trigger opens its own
   * incident. The program leaves `deduplicate` to the user, in a comment on each one's route.
   */
  readonly withoutDeduplication: readonly string[];
  /** Apps the scan could not read. */
  readonly skipped: readonly SkippedApp[];
  /**
   * Apps another stack manages, left out of the program, by stack in the order given, each app once per
   * stack that names it. No entry when no stack was given: then discover cannot tell.
   */
  readonly managedByStack: Readonly<Record<string, readonly ManagedNote[]>>;
  /** How many apps were scanned, and how many the program adopts. */
  readonly counts: {
    /** Apps the scan read, skipped ones not included (those another stack manages included). */
    readonly apps: number;
    /** Apps whose webhook the program adopts. */
    readonly adopted: number;
  };
}

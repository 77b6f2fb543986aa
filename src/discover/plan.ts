import type { WebhookLevel } from "../clients/heroku/types";
import type { ServiceReference } from "../clients/squadcast/service-reference";
import type { HerokuWebhook } from "../clients/heroku/types";
import {
  ENTITY_PRESETS,
  PRESET_NAMES,
  entityListOf,
  resolveEntitySet,
  sameEntities,
  type EntitySelection,
  type HerokuEntity,
} from "../mapping";
import { maskUrl } from "../verify/mask";
import { deduplicates } from "./deduplication";
import type {
  AdoptedApp,
  DiscoveryPlan,
  DuplicateNote,
  EstateScan,
  ManagedNote,
  PlannedRoute,
  ScannedApp,
  ScannedService,
  StackOwnership,
  WebhookDestination,
  WebhookNote,
} from "./types";

/** The fleet's resource name when none is given. */
export const DEFAULT_FLEET_NAME = "heroku-squadcast";

// Squadcast's Heroku alert-source URL: `<api>/v1/incidents/heroku/<service key>`.
const HEROKU_SOURCE_PATH = /\/incidents\/heroku\/([^/]+)\/*$/;

/**
 * Where a webhook URL delivers: to the service whose key is its last path segment, to a Squadcast Heroku
 * URL whose key no service has (stale), or elsewhere.
 *
 * @param url - the webhook's URL.
 * @param serviceIdByKey - every known service's id, by its key.
 */
export function destinationOf(url: string, serviceIdByKey: ReadonlyMap<string, string>): WebhookDestination {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return { kind: "other" };
  }
  const segments = path.split("/").filter(Boolean);
  const last = segments[segments.length - 1];
  const serviceId = last === undefined ? undefined : serviceIdByKey.get(decodeURIComponent(last));
  if (serviceId !== undefined) return { kind: "service", serviceId };
  return HEROKU_SOURCE_PATH.test(path) ? { kind: "stale" } : { kind: "other" };
}

/**
 * A webhook's entities as a program would write them: the preset they equal, else the list in table
 * order (entities the table does not know are kept as Heroku reports them).
 *
 * @param include - the entities Heroku reports.
 */
export function entitySelectionOf(include: readonly string[]): EntitySelection {
  const preset = PRESET_NAMES.find((name) => sameEntities(include, ENTITY_PRESETS[name]));
  if (preset !== undefined) return preset;
  const resolution = resolveEntitySet([...include]);
  return resolution.ok ? entityListOf(resolution.entities) : (include as readonly HerokuEntity[]);
}

/**
 * Decides the program that brings a scanned estate under code, and what it leaves for the user. Pure,
 * and the plan holds no key: only service ids, names and masked URLs.
 *
 * - Each app's webhooks to known services: the oldest is adopted; the others are duplicates.
 * - Webhooks to a Squadcast Heroku URL with an unknown key are stale; other webhooks are left alone.
 * - Apps with no webhook to a known service are unmonitored (a stale webhook pages no one).
 * - Routes whose service does not deduplicate its Heroku alerts are listed: each trigger pages anew.
 * - Apps a stack of `managedBy` names (by one of their webhooks' ids, or by name or id) are left out of
 *   the program: their webhooks stay that stack's.
 * - The fleet's defaults are the entities and level most adopted webhooks have; each app states only
 *   what differs.
 *
 * @param scan - what the scan read.
 * @param fleetName - the fleet's resource name. Default: `heroku-squadcast`.
 * @param managedBy - what other stacks manage. Default: none known.
 */
export function planDiscovery(
  scan: EstateScan,
  fleetName: string = DEFAULT_FLEET_NAME,
  managedBy: readonly StackOwnership[] = [],
): DiscoveryPlan {
  const serviceIdByKey = new Map(scan.services.map((service) => [service.apiKey, service.id]));
  const servicesById = new Map(scan.services.map((service) => [service.id, service]));
  const adopted: { app: string; serviceId: string; webhook: HerokuWebhook }[] = [];
  const unmonitored: string[] = [];
  const stale: WebhookNote[] = [];
  const duplicates: DuplicateNote[] = [];
  const otherReceivers: WebhookNote[] = [];
  const owners = managedBy.map(ownerOf);
  const managedByStack: Record<string, ManagedNote[]> = Object.fromEntries(
    managedBy.map(({ stack }) => [stack, []]),
  );

  for (const app of scan.apps) {
    const toServices: { webhook: HerokuWebhook; serviceId: string }[] = [];
    for (const webhook of app.webhooks) {
      const destination = destinationOf(webhook.url, serviceIdByKey);
      const note = { app: app.name, webhookId: webhook.id, url: maskUrl(webhook.url) };
      if (destination.kind === "service") toServices.push({ webhook, serviceId: destination.serviceId });
      else if (destination.kind === "stale") stale.push(note);
      else otherReceivers.push(note);
    }
    const claims = owners.flatMap((owner) => owner.claim(app, toServices));
    for (const { stack, note } of claims) managedByStack[stack]!.push(note);
    // Adopting what another stack manages would make two stacks own one webhook; destroying either
    // would stop the other's paging.
    if (claims.length > 0) continue;
    if (toServices.length === 0) {
      unmonitored.push(app.name);
      continue;
    }
    const [first, ...rest] = [...toServices].sort((left, right) => oldestFirst(left.webhook, right.webhook));
    adopted.push({ app: app.name, serviceId: first!.serviceId, webhook: first!.webhook });
    if (rest.length > 0) {
      duplicates.push({
        app: app.name,
        adopted: first!.webhook.id,
        leftToRemove: rest.map(({ webhook }) => webhook.id),
      });
    }
  }

  const defaults = {
    entities: mostCommon(
      adopted.map(({ webhook }) => entitySelectionOf(webhook.include)),
      "all" as EntitySelection,
    ),
    level: mostCommon(
      adopted.map(({ webhook }) => webhook.level),
      "notify" as WebhookLevel,
    ),
  };
  const byService = new Map<string, AdoptedApp[]>();
  for (const { app, serviceId, webhook } of adopted) {
    const entities = entitySelectionOf(webhook.include);
    const entry: AdoptedApp = {
      app,
      webhookId: webhook.id,
      ...(sameSelection(entities, defaults.entities) ? {} : { entities }),
      ...(webhook.level === defaults.level ? {} : { level: webhook.level }),
    };
    byService.set(serviceId, [...(byService.get(serviceId) ?? []), entry]);
  }
  const routes: PlannedRoute[] = [...byService.entries()]
    .map(([serviceId, apps]) => {
      const service = servicesById.get(serviceId)!;
      return {
        service: referenceOf(service),
        serviceName: service.name,
        apps: [...apps].sort((left, right) => compareText(left.app, right.app)),
        ...(service.deduplication === undefined ? {} : { deduplication: service.deduplication }),
      };
    })
    .sort((left, right) => compareText(left.serviceName, right.serviceName));

  return {
    fleetName,
    defaults,
    routes,
    unmonitored: [...unmonitored].sort(compareText),
    stale,
    duplicates,
    otherReceivers,
    withoutDeduplication: routes
      .filter((route) => route.deduplication !== undefined && !deduplicates(route.deduplication))
      .map((route) => route.serviceName),
    skipped: [...(scan.skipped ?? [])],
    managedByStack: Object.fromEntries(
      Object.entries(managedByStack).map(([stack, notes]) => [
        stack,
        [...notes].sort((left, right) => compareText(left.app, right.app)),
      ]),
    ),
    counts: { apps: scan.apps.length, adopted: adopted.length },
  };
}

/** A stack's claim on scanned apps: the note for an app it names by webhook id or by app, else none. */
function ownerOf({ stack, apps }: StackOwnership) {
  const webhookIds = new Set(apps.flatMap(({ webhookId }) => (webhookId === undefined ? [] : [webhookId])));
  const appKeys = new Set(apps.map(({ app }) => app));
  return {
    claim(app: ScannedApp, toServices: readonly { webhook: HerokuWebhook }[]) {
      const named = app.webhooks.filter((webhook) => webhookIds.has(webhook.id));
      const byApp = appKeys.has(app.name) || appKeys.has(app.id);
      if (named.length === 0 && !byApp) return [];
      const ids = new Set([...named, ...toServices.map(({ webhook }) => webhook)].map(({ id }) => id));
      const note: ManagedNote = {
        app: app.name,
        webhookIds: app.webhooks.filter(({ id }) => ids.has(id)).map(({ id }) => id),
        matchedBy: named.length > 0 ? "webhook id" : "app",
      };
      return [{ stack, note }];
    },
  };
}

function referenceOf(service: ScannedService): ServiceReference {
  return service.teamName === undefined ? { id: service.id } : { name: service.name, team: service.teamName };
}

/** The oldest webhook first: the one set up by hand first is the one the guide meant. */
function oldestFirst(left: HerokuWebhook, right: HerokuWebhook): number {
  return compareText(left.createdAt, right.createdAt) || compareText(left.id, right.id);
}

/** The value that occurs most often; on a tie, the preferred one if it is among them, else the first seen. */
function mostCommon<Value extends EntitySelection | WebhookLevel>(
  values: readonly Value[],
  preferred: Value,
): Value {
  const counts = new Map<string, { value: Value; count: number }>();
  for (const value of values) {
    const key = selectionKey(value);
    const entry = counts.get(key) ?? { value, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  let best: { value: Value; count: number } | undefined;
  for (const entry of counts.values()) {
    if (!best || entry.count > best.count) best = entry;
    else if (entry.count === best.count && selectionKey(entry.value) === selectionKey(preferred))
      best = entry;
  }
  return best?.value ?? preferred;
}

function sameSelection(left: EntitySelection, right: EntitySelection): boolean {
  return selectionKey(left) === selectionKey(right);
}

function selectionKey(value: EntitySelection | WebhookLevel): string {
  return typeof value === "string" ? value : JSON.stringify([...value].sort());
}

function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

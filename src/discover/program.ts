import { isServiceById } from "../clients/squadcast/service-reference";
import type { EntitySelection } from "../mapping";
import { deduplicateOption, deduplicates } from "./deduplication";
import type { AdoptedApp, DiscoveryPlan, ManagedNote, PlannedRoute, WebhookNote } from "./types";

/** Where the written program comes from; printed in its heading. */
export interface ProgramSource {
  /**
   * When the scan ran (ISO 8601).
   *
   * @defaultValue not printed
   */
  readonly scannedAt?: string;
}

/**
 * The TypeScript program for a plan: one `HerokuSquadcastFleet` with a route per service, each app
 * adopting its existing webhook, and the findings the program leaves to the user as comments. It uses the
 * package's public API only and holds no key: services are named by name and team (by id when the team
 * is unknown). Pure.
 *
 * @param plan - from {@link planDiscovery}.
 * @param source - what to say about the scan in the heading.
 */
export function renderProgram(plan: DiscoveryPlan, source: ProgramSource = {}): string {
  const lines: string[] = [
    `// Written by \`heroku-squadcast discover\`${source.scannedAt ? ` on ${source.scannedAt}` : ""} from ` +
      `${plural(plan.counts.apps, "Heroku app")}.`,
    "// Each app adopts the webhook it already has (`adopt`), so the first `pulumi up` creates none at Heroku:",
    "// it takes them over, and brings them to the settings below only where they differ.",
    'import { HerokuSquadcastFleet } from "pulumi-heroku-squadcast";',
    "",
  ];
  if (plan.routes.length === 0) {
    lines.push("// No app delivers to a Squadcast service yet: add routes to wire some.");
  }
  if (plan.counts.adopted > 0) {
    const stacks = Object.keys(plan.managedByStack);
    lines.push(
      "// retainOnDelete: every webhook below existed before this program, and someone may rely on it: another",
      "// Pulumi stack that manages it (discover cannot tell: remove such an app from the routes), a person or",
      "// a script. With it, `pulumi destroy` leaves them in Heroku. Remove it once this program is their only",
      "// owner, so that destroy removes what the program manages.",
      stacks.length === 0
        ? "// No other stack was named to discover, so none of its webhooks could be left out."
        : `// The apps of stack${stacks.length === 1 ? "" : "s"} ${stacks.map(comment).join(", ")} are left out (listed at the end).`,
    );
  }
  lines.push(
    `const fleet = new HerokuSquadcastFleet(${text(plan.fleetName)}, {`,
    `  entities: ${selection(plan.defaults.entities)},`,
    `  level: ${text(plan.defaults.level)},`,
    "  routes: [",
    ...plan.routes.flatMap(routeLines),
    "  ],",
    plan.counts.adopted > 0 ? "}, { retainOnDelete: true });" : "});",
    "",
    "export const serviceIds = fleet.serviceIds;",
    "export const webhooks = fleet.webhooks;",
    "// What `heroku-squadcast verify --stack <stack>` checks, app by app.",
    "export const apps = fleet.apps;",
  );
  lines.push(...findingLines(plan));
  return `${lines.join("\n")}\n`;
}

function routeLines(route: PlannedRoute): string[] {
  return [
    "    {",
    ...deduplicationLines(route).map((line) => `      ${line}`),
    `      service: ${service(route)},`,
    "      apps: [",
    ...route.apps.map((app) => `        ${appEntry(app)},`),
    "      ],",
    "    },",
  ];
}

/**
 * The comment on a route whose service does not deduplicate. The option is left commented out, not set:
 * the program's first `up` is meant to take over what exists and page as before, and switching a service's
 * key-based deduplication on deactivates the Deduplication Rules its owners may rely on (Squadcast's
 * guide), which discover cannot see.
 */
function deduplicationLines({ deduplication, serviceName }: PlannedRoute): string[] {
  if (deduplication === undefined) {
    return [
      "// Whether this service deduplicates its Heroku alerts was not read (the refresh token's role may not).",
    ];
  }
  if (deduplicates(deduplication)) return [];
  const takeOver =
    deduplication.overlay === "other"
      ? [
          "// Its Heroku dedup-key overlay has another owner's template, off: takeOver replaces it (destroy puts",
          "// it back).",
        ]
      : [];
  return [
    `// No deduplication on ${comment(serviceName)}: every trigger opens its own incident (two failed builds`,
    "// of an app page twice). The option below makes one incident per app and failing thing (builds; a dyno",
    "// by name) until it resolves or its window passes (24 hours by default). Not on for you: it switches",
    "// the service's key-based deduplication on, which deactivates Deduplication Rules its owners may have.",
    ...takeOver,
    `// ${deduplicateOption(deduplication)},`,
  ];
}

function service({ service: reference, serviceName }: PlannedRoute): string {
  if (isServiceById(reference)) return `{ id: ${text(reference.id)} } /* ${comment(serviceName)} */`;
  return `{ name: ${text(reference.name)}, team: ${text(reference.team)} }`;
}

function appEntry(app: AdoptedApp): string {
  const fields = [`app: ${text(app.app)}`];
  if (app.entities !== undefined) fields.push(`entities: ${selection(app.entities)}`);
  if (app.level !== undefined) fields.push(`level: ${text(app.level)}`);
  fields.push(`adopt: ${text(`${app.app}/${app.webhookId}`)}`);
  return `{ ${fields.join(", ")} }`;
}

function findingLines(plan: DiscoveryPlan): string[] {
  const lines: string[] = [];
  const section = (heading: string, body: readonly string[]) => {
    if (body.length === 0) return;
    lines.push("", `// ${heading}`, ...body.map((line) => `//   ${line}`));
  };
  section(
    `Not monitored (${plan.unmonitored.length}): no webhook to a Squadcast service. Add an app to a route above to page on it.`,
    plan.unmonitored.map(text),
  );
  section(
    `Stale (${plan.stale.length}): webhooks to a Squadcast key no service has. Left in place; remove them with \`heroku webhooks:remove\`.`,
    plan.stale.map(note),
  );
  section(
    `Duplicates (${plan.duplicates.length}): apps with more than one webhook to Squadcast; each event pages once per webhook.`,
    plan.duplicates.map(
      (duplicate) =>
        `${duplicate.app}: adopts ${duplicate.adopted}; others: ${duplicate.leftToRemove.join(", ")} (pulumi up deletes those with the same URL; remove the rest with heroku webhooks:remove -a ${duplicate.app} <id>)`,
    ),
  );
  section(
    `Other receivers (${plan.otherReceivers.length}): webhooks to elsewhere, left alone.`,
    plan.otherReceivers.map(note),
  );
  for (const [stack, notes] of Object.entries(plan.managedByStack)) {
    section(
      `Managed by stack ${comment(stack)} (${notes.length}): left out of the program; that stack owns their webhooks.`,
      notes.map((managed) => comment(managedNoteText(managed))),
    );
  }
  section(
    `No deduplication (${plan.withoutDeduplication.length}): services where every trigger opens its own incident; see the comment on each one's route.`,
    plan.withoutDeduplication.map(comment),
  );
  section(
    `Not read (${plan.skipped.length}): apps the scan could not read.`,
    plan.skipped.map((skipped) => `${skipped.app}: ${comment(skipped.reason)}`),
  );
  return lines;
}

/**
 * One app another stack manages, in a line: its webhooks and the evidence, or that its webhook is gone.
 *
 * @param managed - from {@link DiscoveryPlan.managedByStack}.
 */
export function managedNoteText(managed: ManagedNote): string {
  const evidence =
    managed.matchedBy === "webhook id" ? "the stack names the webhook" : "the stack names the app";
  if (managed.webhookIds.length === 0) {
    return `${managed.app}: no webhook to Squadcast left (${evidence}): that stack's pulumi up --refresh makes it again`;
  }
  return `${managed.app}: webhook ${managed.webhookIds.join(", ")} (${evidence})`;
}

function note(webhook: WebhookNote): string {
  return `${webhook.app}: webhook ${webhook.webhookId} → ${comment(webhook.url)}`;
}

function selection(entities: EntitySelection): string {
  return typeof entities === "string" ? text(entities) : `[${entities.map(text).join(", ")}]`;
}

/** A string literal; JSON's escaping is valid TypeScript. */
function text(value: string): string {
  return JSON.stringify(value);
}

/** Text safe inside a comment: no line break, no end of a block comment. */
function comment(value: string): string {
  return value.replace(/[\r\n]+/g, " ").replace(/\*\//g, "*\\/");
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

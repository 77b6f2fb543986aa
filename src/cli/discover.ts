import * as fs from "node:fs";
import {
  discover,
  managedNoteText,
  type DiscoveryPlan,
  type ScanProgress,
  type StackOwnership,
} from "../discover";
import { deduplicateOption } from "../discover/deduplication";
import { verifySettingsFromEnv } from "../verify";
import { runPulumiCli, type CliIo } from "./io";
import { managedWebhooksFrom, readStackOutputs } from "./stack-outputs";
import { answeredHelpOrVersion, EXIT, parseFlags, UsageError } from "./usage";

const FLAGS = {
  app: { type: "string", multiple: true },
  team: { type: "string" },
  output: { type: "string", short: "o" },
  name: { type: "string" },
  "managed-by-stack": { type: "string", multiple: true },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** The help text of `heroku-squadcast discover`. */
export const DISCOVER_USAGE = `usage: heroku-squadcast discover [--team <team> | --app <app>...] [--managed-by-stack <stack>...]
                                [--output <file.ts>] [--name <fleet>] [--json]

Brings Heroku apps wired to Squadcast by hand under code: reads the apps the API key can see and their
webhooks, and the Squadcast services the refresh token can see; matches each webhook to a service by
the key in its URL, and writes a Pulumi program with one HerokuSquadcastFleet whose first \`pulumi up\`
adopts every existing webhook instead of creating one. No key or token is printed or written.

  --team <team>        only the apps of this Heroku team (name or id)
  --app <app>          only this app (repeat for more)
  --managed-by-stack <stack>
                       leave out the apps whose webhook this Pulumi stack manages (repeat for more): reads
                       its outputs (pulumi stack output --json --show-secrets --stack <stack>, run here) and
                       matches by webhook id where the stack exports it (a fleet's apps output, an
                       integration's webhookId), else by app name or id (an integration's app output).
                       The left-out apps are listed under "managed by stack <stack>"
  --output <file.ts>   write the program to this file (default: print it)
  --name <fleet>       the fleet's resource name (default: heroku-squadcast)
  --json               print the plan as JSON (adopted, unmonitored, stale, duplicated, not deduplicated,
                       managed by each stack)
  -h, --help           show this help
  -v, --version        print the version of heroku-squadcast

Progress and findings go to stderr: apps with no webhook to Squadcast, webhooks whose key matches no
service, apps with more than one webhook to Squadcast, services that receive Heroku events without
deduplication (the program leaves \`deduplicate\` to you, in a comment on the route), and webhooks to other
receivers (left alone).
Without --managed-by-stack, discover cannot tell whether another Pulumi stack manages a webhook it adopts.
Credentials come from the environment, as for verify.`;

/**
 * `heroku-squadcast discover`: scans, plans and writes the program (to a file or stdout), or the plan as
 * JSON; the findings go to stderr.
 *
 * @param argv - the arguments after `discover`.
 * @param io - where to write and the environment.
 * @returns the exit code: 0 when the program was written, 2 when nothing could be scanned.
 * @throws {@link UsageError} for a wrong command line.
 */
export async function runDiscover(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  if (answeredHelpOrVersion(flags, DISCOVER_USAGE, io)) return EXIT.ok;
  // A bad setting, a missing credential or a stack Pulumi cannot read is one line on stderr and exit 2,
  // from runCli; the stacks are read first, so nothing is scanned for a run that cannot be trusted.
  const settings = verifySettingsFromEnv(io.env);
  const managedBy = await ownershipOf(flags["managed-by-stack"] ?? [], io);
  const result = await discover(settings, {
    apps: flags.app,
    team: flags.team,
    fleetName: flags.name,
    managedBy,
    onProgress: progressReporter(io),
  });
  if (flags.output !== undefined) fs.writeFileSync(flags.output, result.program);
  if (flags.json) io.stdout.write(`${JSON.stringify(result.plan, null, 2)}\n`);
  else if (flags.output === undefined) io.stdout.write(result.program);
  io.stderr.write(formatFindings(result.plan, flags.output));
  return EXIT.ok;
}

/** What each stack's outputs say it manages; a stack that says nothing is an error, not "manages nothing". */
async function ownershipOf(stacks: readonly string[], io: CliIo): Promise<StackOwnership[]> {
  const runPulumi = io.runPulumi ?? ((args) => runPulumiCli(args, io.env));
  const owned: StackOwnership[] = [];
  for (const stack of new Set(stacks)) {
    const apps = managedWebhooksFrom(await readStackOutputs(stack, runPulumi));
    if (apps.length === 0) {
      throw new UsageError(
        `stack ${stack} exports no fleet apps and no app, so discover cannot tell which webhooks it manages: ` +
          "export the fleet's apps (export const apps = fleet.apps), or an integration's app and webhookId",
      );
    }
    owned.push({ stack, apps });
  }
  return owned;
}

/** About twenty progress lines per scan, however long, and one when Heroku's budget runs out. */
function progressReporter(io: CliIo): (progress: ScanProgress) => void {
  let lastShown = -1;
  let waitingShown = false;
  return ({ done, total, herokuBudget }) => {
    const step = Math.max(1, Math.ceil(total / 20));
    const waiting = herokuBudget < 1 && done < total;
    if (waiting && !waitingShown) {
      io.stderr.write(
        `heroku-squadcast discover: ${done}/${total} apps read; waiting for Heroku's rate limit to refill\n`,
      );
    }
    waitingShown = waiting;
    if (done === lastShown || (done % step !== 0 && done !== total)) return;
    lastShown = done;
    io.stderr.write(`heroku-squadcast discover: ${done}/${total} apps read\n`);
  };
}

/**
 * The findings for people: what was adopted and where the program went, then each list the user should
 * look at. URLs are masked; nothing here holds a key.
 *
 * @param plan - the plan.
 * @param output - where the program was written, if to a file.
 */
export function formatFindings(plan: DiscoveryPlan, output: string | undefined): string {
  const routes = plan.routes.length;
  const managed = new Set(Object.values(plan.managedByStack).flatMap((notes) => notes.map(({ app }) => app)));
  const lines = [
    `heroku-squadcast discover: ${plan.counts.apps} apps read; ${plan.counts.adopted} adopt their webhook ` +
      `in ${routes} route${routes === 1 ? "" : "s"}` +
      (managed.size === 0 ? "" : `; ${managed.size} left out, managed by another stack`) +
      (output === undefined ? "" : `; program written to ${output}`),
  ];
  const list = (heading: string, items: readonly string[]) => {
    lines.push(`  ${heading} (${items.length})${items.length === 0 ? "" : ":"}`);
    for (const item of items) lines.push(`    ${item}`);
  };
  list(
    "adopted: the program takes over these webhooks (retainOnDelete: destroy leaves them)",
    plan.routes.flatMap((route) =>
      route.apps.map((app) => `${app.app}: webhook ${app.webhookId} → ${route.serviceName}`),
    ),
  );
  const stacks = Object.keys(plan.managedByStack);
  if (plan.counts.adopted > 0) {
    lines.push(
      stacks.length === 0
        ? "  discover cannot tell whether another Pulumi stack already manages one of these webhooks: pass " +
            "--managed-by-stack <stack> for each stack that may, and discover leaves its webhooks out; else " +
            "remove such an app from the program, or two stacks will own one webhook"
        : `  discover cannot tell whether a stack other than ${stacks.join(", ")} manages one of these webhooks: ` +
            "name it with --managed-by-stack too, or remove such an app from the program",
    );
  }
  for (const [stack, notes] of Object.entries(plan.managedByStack)) {
    list(`managed by stack ${stack}: left out of the program`, notes.map(managedNoteText));
  }
  list("not monitored: no webhook to a Squadcast service", plan.unmonitored);
  list(
    "stale: webhook to a key no service has, left in place",
    plan.stale.map((note) => `${note.app}: webhook ${note.webhookId} → ${note.url}`),
  );
  list(
    "duplicates: more than one webhook to Squadcast",
    plan.duplicates.map(
      (duplicate) =>
        `${duplicate.app}: adopts ${duplicate.adopted}; others: ${duplicate.leftToRemove.join(", ")} (pulumi up deletes those with the same URL; remove the rest by hand)`,
    ),
  );
  list(
    "no deduplication: services that receive Heroku events without it",
    plan.routes.flatMap((route) =>
      route.deduplication !== undefined && plan.withoutDeduplication.includes(route.serviceName)
        ? [
            `${route.serviceName} (every trigger opens its own incident; add \`${deduplicateOption(route.deduplication)}\` ` +
              "to the route)",
          ]
        : [],
    ),
  );
  list(
    "other receivers, left alone",
    plan.otherReceivers.map((note) => `${note.app}: webhook ${note.webhookId} → ${note.url}`),
  );
  if (plan.skipped.length > 0) {
    list(
      "not read",
      plan.skipped.map((skipped) => `${skipped.app}: ${skipped.reason}`),
    );
  }
  return `${lines.join("\n")}\n`;
}

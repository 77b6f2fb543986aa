import * as fs from "node:fs";
import { discover, type DiscoveryPlan, type ScanProgress } from "../discover";
import { deduplicateOption } from "../discover/deduplication";
import { verifySettingsFromEnv } from "../verify";
import type { CliIo } from "./io";
import { answeredHelpOrVersion, EXIT, parseFlags } from "./usage";

const FLAGS = {
  app: { type: "string", multiple: true },
  team: { type: "string" },
  output: { type: "string", short: "o" },
  name: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** The help text of `heroku-squadcast discover`. */
export const DISCOVER_USAGE = `usage: heroku-squadcast discover [--team <team> | --app <app>...] [--output <file.ts>] [--name <fleet>] [--json]

Brings Heroku apps wired to Squadcast by hand under code: reads the apps the API key can see and their
webhooks, and the Squadcast services the refresh token can see; matches each webhook to a service by
the key in its URL, and writes a Pulumi program with one HerokuSquadcastFleet whose first \`pulumi up\`
adopts every existing webhook instead of creating one. No key or token is printed or written.

  --team <team>        only the apps of this Heroku team (name or id)
  --app <app>          only this app (repeat for more)
  --output <file.ts>   write the program to this file (default: print it)
  --name <fleet>       the fleet's resource name (default: heroku-squadcast)
  --json               print the plan as JSON (adopted, unmonitored, stale, duplicated, not deduplicated)
  -h, --help           show this help
  -v, --version        print the version of heroku-squadcast

Progress and findings go to stderr: apps with no webhook to Squadcast, webhooks whose key matches no
service, apps with more than one webhook to Squadcast, services that receive Heroku events without
deduplication (the program leaves \`deduplicate\` to you, in a comment on the route), and webhooks to other
receivers (left alone).
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
  // A bad setting or a missing credential is one line on stderr and exit 2, from runCli.
  const result = await discover(verifySettingsFromEnv(io.env), {
    apps: flags.app,
    team: flags.team,
    fleetName: flags.name,
    onProgress: progressReporter(io),
  });
  if (flags.output !== undefined) fs.writeFileSync(flags.output, result.program);
  if (flags.json) io.stdout.write(`${JSON.stringify(result.plan, null, 2)}\n`);
  else if (flags.output === undefined) io.stdout.write(result.program);
  io.stderr.write(formatFindings(result.plan, flags.output));
  return EXIT.ok;
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
  const lines = [
    `heroku-squadcast discover: ${plan.counts.apps} apps read; ${plan.counts.adopted} adopt their webhook ` +
      `in ${routes} route${routes === 1 ? "" : "s"}` +
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
  if (plan.counts.adopted > 0) {
    lines.push(
      "  discover cannot tell whether another Pulumi stack already manages one of these webhooks: if one does, " +
        "remove that app from the program, or two stacks will own one webhook",
    );
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

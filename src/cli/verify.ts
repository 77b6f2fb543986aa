import { cleartextTransportProblem, InvalidSettingError } from "../config";
import type { ProviderSettings } from "../config";
import { isEntityPreset, type EntitySelection, type HerokuEntity } from "../mapping";
import {
  VerifyOptionsError,
  verifyFleet,
  verifyIntegration,
  verifySentryReleases,
  verifySettingsFromEnv,
  type VerifyOptions,
  type VerifyReport,
  type VerifySettings,
} from "../verify";
import { formatReport, painter } from "./format";
import { PulumiCliError, runPulumiCli, type CliIo } from "./io";
import { formatFleetReport } from "./format-fleet";
import {
  fleetTargetsFrom,
  integrationOptionsFrom,
  readStackOutputs,
  type StackIntegration,
  type StackOutputs,
} from "./stack-outputs";
import { withoutUndefined } from "../resource-kit/without-undefined";
import { answeredHelpOrVersion, EXIT, parseFlags, USAGE, UsageError } from "./usage";

const FLAGS = {
  app: { type: "string" },
  "service-id": { type: "string" },
  "service-name": { type: "string" },
  team: { type: "string" },
  entities: { type: "string", multiple: true },
  "webhook-url": { type: "string" },
  "send-test-event": { type: "boolean" },
  sentry: { type: "boolean" },
  stack: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/**
 * `heroku-squadcast verify`: checks one app's wiring into one service and prints the report, as text
 * (coloured on a terminal) or as JSON with `--json`.
 *
 * @param argv - the arguments after `verify`.
 * @param io - where to write, the environment, and how to run Pulumi.
 * @returns the exit code: 0 when every check passed, 1 when one failed, 2 when nothing could be checked.
 * @throws {@link UsageError} for a wrong command line.
 */
export async function runVerify(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  if (answeredHelpOrVersion(flags, USAGE, io)) return EXIT.ok;
  if (flags.sentry) return runVerifySentry(flags, io);
  let outputs: StackOutputs = {};
  let settings: VerifySettings;
  try {
    if (flags.stack !== undefined) {
      outputs = await readStackOutputs(flags.stack, io.runPulumi ?? ((args) => runPulumiCli(args, io.env)));
    }
    settings = verifySettingsFromEnv(io.env);
    requireCredentialsFromEnv(settings);
  } catch (error) {
    if (
      error instanceof PulumiCliError ||
      error instanceof InvalidSettingError ||
      error instanceof MissingEnvCredentialError
    ) {
      io.stderr.write(`heroku-squadcast verify: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  // A stack that exports a fleet's apps is verified app by app, unless one app is asked for.
  const fleet = flags.stack !== undefined && flags.app === undefined ? fleetTargetsFrom(outputs) : [];
  if (fleet.length > 0) {
    const report = await verifyFleet(fleet, settings, flags["send-test-event"] ?? false);
    io.stdout.write(
      flags.json
        ? `${JSON.stringify(report, null, 2)}\n`
        : formatFleetReport(flags.stack!, report, painter(io.stdout.isTTY, io.env)),
    );
    return report.ok ? EXIT.ok : EXIT.failed;
  }
  const options = mergeOptions(integrationOptionsFrom(outputs), flags, flags.stack);
  let report: VerifyReport;
  try {
    report = await verifyIntegration(options, settings);
  } catch (error) {
    if (error instanceof VerifyOptionsError) throw new UsageError(error.message);
    throw error;
  }
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    io.stdout.write(formatReport(headingOf(options), report, painter(io.stdout.isTTY, io.env)));
  }
  return report.ok ? EXIT.ok : EXIT.failed;
}

/** `verify --app <app> --sentry`: the app's Sentry release webhook, with the hook URL from the environment. */
async function runVerifySentry(flags: Flags, io: CliIo): Promise<number> {
  if (!flags.app) throw new UsageError("--app is required with --sentry");
  if (flags.stack !== undefined || flags["service-id"] !== undefined || flags["service-name"] !== undefined) {
    throw new UsageError("--sentry checks one app's Sentry hook: give --app only, not --stack or a service");
  }
  // The hook URL is a credential (its signature lets anyone post releases): never on a command line.
  const hookUrl = io.env.SENTRY_HOOK_URL?.trim();
  let settings: VerifySettings;
  try {
    if (!hookUrl) {
      throw new MissingEnvCredentialError(
        "SENTRY_HOOK_URL is not set: export SENTRY_HOOK_URL=<the hook URL from Sentry's Project Settings → " +
          "Legacy Integrations → Heroku> (the CLI reads it from the environment only)",
      );
    }
    const transport = hookUrlTransportProblem(hookUrl);
    if (transport !== undefined)
      throw new InvalidSettingError("SENTRY_HOOK_URL", `SENTRY_HOOK_URL ${transport}`);
    settings = verifySettingsFromEnv(io.env);
    if (settings.heroku.apiKey === undefined) {
      throw new MissingEnvCredentialError(
        "HEROKU_API_KEY is not set: export HEROKU_API_KEY=<key> (the CLI reads credentials from the environment only, not from stack config)",
      );
    }
  } catch (error) {
    if (error instanceof InvalidSettingError || error instanceof MissingEnvCredentialError) {
      io.stderr.write(`heroku-squadcast verify: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  const report = await verifySentryReleases({ app: flags.app, hookUrl: hookUrl! }, settings);
  io.stdout.write(
    flags.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : formatReport(`${flags.app} → Sentry release hook`, report, painter(io.stdout.isTTY, io.env)),
  );
  return report.ok ? EXIT.ok : EXIT.failed;
}

/** Why the hook URL may not be posted to (its signature is a credential), or undefined. Never quotes it. */
function hookUrlTransportProblem(hookUrl: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(hookUrl);
  } catch {
    return "must be the https URL Sentry shows for the project's Heroku hook";
  }
  return cleartextTransportProblem(parsed);
}

/** A credential verify needs is not in the environment, which is the only place the CLI reads it from. */
class MissingEnvCredentialError extends Error {}

/** Verify calls both APIs: without either credential nothing can be checked (exit 2, not a failed check). */
function requireCredentialsFromEnv(settings: ProviderSettings): void {
  const missing = [
    settings.heroku.apiKey === undefined ? "HEROKU_API_KEY" : undefined,
    settings.squadcast.refreshToken === undefined ? "SQUADCAST_REFRESH_TOKEN" : undefined,
  ].filter((name) => name !== undefined);
  if (missing.length === 0) return;
  throw new MissingEnvCredentialError(
    `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set: export ${missing
      .map((name) => `${name}=<${name === "HEROKU_API_KEY" ? "key" : "token"}>`)
      .join(" ")} (the CLI reads credentials from the environment only, not from stack config)`,
  );
}

type Flags = ReturnType<typeof parseFlags<typeof FLAGS>>;

/** Flags win over stack outputs; then the service is checked to be named one way only. */
function mergeOptions(fromStack: StackIntegration, flags: Flags, stack: string | undefined): VerifyOptions {
  const entitiesFlag = flags.entities;
  const byFlag = flags["service-id"] !== undefined || flags["service-name"] !== undefined;
  // A service named on the command line replaces the stack's, however the stack named it.
  const id = byFlag ? flags["service-id"] : fromStack.service?.id;
  const name = byFlag ? flags["service-name"] : fromStack.service?.name;
  const team = flags.team ?? fromStack.service?.team;
  const app = flags.app ?? fromStack.app ?? "";
  const source = stack === undefined ? "" : ` (stack ${stack} exports none; export it or pass the flag)`;
  if (!app) throw new UsageError(`--app is required${source}`);
  if (id === undefined && name === undefined) {
    throw new UsageError(`--service-id, or --service-name with --team, is required${source}`);
  }
  if (id !== undefined && name !== undefined)
    throw new UsageError("give --service-id or --service-name, not both");
  if (name !== undefined && team === undefined)
    throw new UsageError("--team is required with --service-name");
  return withoutUndefined({
    app,
    service: id !== undefined ? withoutUndefined({ id, team }) : { name: name!, team: team! },
    entities: entitiesFlag === undefined ? fromStack.entities : entitiesOf(entitiesFlag),
    webhookUrl: flags["webhook-url"] ?? fromStack.webhookUrl,
    sendTestEvent: flags["send-test-event"] ?? false,
  });
}

/** `--entities resolvable`, `--entities api:build,dyno`, or the flag repeated. */
function entitiesOf(values: readonly string[]): EntitySelection {
  const entities = values
    .flatMap((value) => value.split(","))
    .map((entity) => entity.trim())
    .filter(Boolean);
  if (entities.length === 1 && isEntityPreset(entities[0]!)) return entities[0];
  return entities as HerokuEntity[];
}

function headingOf(options: VerifyOptions): string {
  const service = "name" in options.service ? options.service.name : options.service.id;
  const team = options.service.team === undefined ? "" : ` (${options.service.team})`;
  return `${options.app} → ${service}${team}`;
}

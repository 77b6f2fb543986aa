import { parseArgs, type ParseArgsConfig } from "node:util";
import type { CliIo } from "./io";
import { packageVersion } from "./package-version";

/** The command line was wrong; the CLI prints the message and the usage, and exits with 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The exit codes of `heroku-squadcast`. */
export const EXIT = {
  /** Every check passed. */
  ok: 0,
  /** At least one check failed. */
  failed: 1,
  /** The command line or the setup (credentials, the stack) is wrong: nothing was checked. */
  usage: 2,
} as const;

/** The help text. */
export const USAGE = `usage: heroku-squadcast verify --app <app> (--service-id <id> | --service-name <name> --team <team>)
                               [--entities <preset|entity,...>] [--webhook-url <url>]
                               [--send-test-event] [--json]
       heroku-squadcast verify --stack <stack> [--send-test-event] [--json]
       heroku-squadcast verify --app <app> --sentry [--json]
       heroku-squadcast discover [--team <team> | --app <app>...] [--managed-by-stack <stack>...]
                                 [--output <file.ts>] [--json]
       heroku-squadcast --help | --version

Checks that a Heroku app really delivers to a Squadcast service: the service and its Heroku alert
source, the app's webhook and its entities, the webhook's recent deliveries and, with
--send-test-event, a labelled test incident that opens and closes.

  --app <app>              Heroku app name or id
  --service-id <id>        Squadcast service id
  --service-name <name>    Squadcast service name (with --team)
  --team <team>            team that owns the service, by name or id
  --entities <entities>    expected entities: a preset (all, resolvable, deploys) or a comma list
  --webhook-url <url>      expected webhook URL (default: the service's Heroku alert-source URL)
  --send-test-event        post a "[heroku-squadcast verify]" failed, then succeeded build to Squadcast:
                           a real incident opens (it may page whoever is on call) and is resolved
  --stack <stack>          read app, serviceId or serviceName and team, entities and webhookUrl from
                           the stack's outputs (pulumi stack output --json --show-secrets, run here);
                           flags given as well take precedence. A stack that exports a fleet's apps
                           (HerokuSquadcastFleet.apps) is verified app by app: one line per app

  --sentry                 check the app's Sentry release webhook instead: it delivers api:release to
                           the hook URL in SENTRY_HOOK_URL, and Sentry still serves that hook (a
                           removed hook answers 404 or 410, a wrong URL signature 403)

  --json                   print the report as JSON (for CI)
  -h, --help               show this help
  -v, --version            print the version of heroku-squadcast

Credentials come from the environment only (not from stack config): HEROKU_API_KEY,
SQUADCAST_REFRESH_TOKEN, and optionally SQUADCAST_REGION, HEROKU_API_URL, SQUADCAST_API_URL,
SQUADCAST_AUTH_URL, SANDBOX_ADMIN_URL.
Exit code: 0 when every check passed, 1 when one failed, 2 when nothing could be checked (a wrong
command line, a missing credential, a bad endpoint, a stack that cannot be read).
See \`heroku-squadcast discover --help\` for bringing apps wired by hand under code.`;

/**
 * Answers `--help` with a command's usage or `--version` with the package's version, so every command
 * treats both alike.
 *
 * @returns true when it answered, and the command has nothing more to do.
 */
export function answeredHelpOrVersion(
  flags: { readonly help?: boolean; readonly version?: boolean },
  usage: string,
  io: Pick<CliIo, "stdout">,
): boolean {
  if (flags.help) io.stdout.write(`${usage}\n`);
  else if (flags.version) io.stdout.write(`${packageVersion()}\n`);
  return flags.help === true || flags.version === true;
}

type FlagOptions = NonNullable<ParseArgsConfig["options"]>;

/** The values {@link parseFlags} returns for a command's flag options. */
type ParsedFlags<Options extends FlagOptions> = ReturnType<
  typeof parseArgs<{ args: string[]; options: Options; strict: true; allowPositionals: false }>
>["values"];

/**
 * A command's flags, parsed strictly (no positionals, no unknown flags). A wrong command line becomes a
 * {@link UsageError} with the first sentence of Node's message: the rest is long and suggests `--` tricks.
 */
export function parseFlags<const Options extends FlagOptions>(
  argv: readonly string[],
  options: Options,
): ParsedFlags<Options> {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message.split(/\.\s/)[0]! : String(error);
    throw new UsageError(message);
  }
}

import { MissingCredentialError } from "../config";
import { runDiscover } from "./discover";
import type { CliIo } from "./io";
import { packageVersion } from "./package-version";
import { EXIT, USAGE, UsageError } from "./usage";
import { runVerify } from "./verify";

/**
 * The `heroku-squadcast` command, in process: dispatches to the subcommand and turns every error into a
 * message on stderr and an exit code, so `bin.ts` only has to set `process.exitCode`.
 *
 * @param argv - the arguments after the command name, e.g. `["verify", "--app", "demo-app", …]`.
 * @param io - where to write, the environment, and how to run Pulumi; `processIo()` for the real process.
 * @returns the exit code: 0 when every check passed (or discover wrote its program), 1 when one failed,
 * 2 for a usage or setup error.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "verify") return await runVerify(rest, io);
    if (command === "discover") return await runDiscover(rest, io);
    if (command === "help" || command === "--help" || command === "-h") {
      io.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    if (command === "--version" || command === "-v") {
      io.stdout.write(`${packageVersion()}\n`);
      return EXIT.ok;
    }
    throw new UsageError(command === undefined ? "a command is required" : `unknown command ${command}`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`heroku-squadcast: ${error.message}\nRun \`heroku-squadcast --help\` for usage.\n`);
      return EXIT.usage;
    }
    if (error instanceof MissingCredentialError) {
      // The library's hint names stack config too, which this command never reads.
      io.stderr.write(
        `heroku-squadcast: ${error.envVar} is not set: export ${error.envVar}=<value> ` +
          "(the CLI reads credentials from the environment only, not from stack config)\n",
      );
      return EXIT.usage;
    }
    // Library errors are one line and hold no credential; a stack trace would help no user.
    io.stderr.write(`heroku-squadcast: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  }
}

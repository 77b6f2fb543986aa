import { execFile } from "node:child_process";

/** Where the CLI writes and what it reads from its surroundings; tests pass their own. */
export interface CliIo {
  /** Where results go. `isTTY` decides colours. */
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  /** Where errors go. */
  readonly stderr: { write(text: string): unknown };
  /** The environment: credentials, endpoint overrides, `NO_COLOR`, `SANDBOX_ADMIN_URL`. */
  readonly env: NodeJS.ProcessEnv;
  /**
   * Runs the Pulumi CLI with these arguments and resolves to its stdout.
   *
   * @defaultValue `pulumi` from PATH in the current directory, with `env`
   */
  readonly runPulumi?: (args: readonly string[]) => Promise<string>;
}

/** A Pulumi CLI run that failed; the message is one line and holds no output that could be a secret. */
export class PulumiCliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PulumiCliError";
  }
}

/** The real process: stdout, stderr, `process.env`, and `pulumi` from PATH. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    runPulumi: (args) => runPulumiCli(args, process.env),
  };
}

/**
 * Runs `pulumi <args>` and resolves to its stdout.
 *
 * @param args - the arguments.
 * @param env - the environment of the child process.
 * @throws {@link PulumiCliError} when `pulumi` is missing or exits non-zero (with its first error line).
 */
export function runPulumiCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("pulumi", [...args], { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        return reject(
          new PulumiCliError("pulumi is not on PATH: install the Pulumi CLI, or pass --app and the service"),
        );
      }
      const firstLine = String(stderr)
        .split("\n")
        .map((line) => line.trim())
        .find((line) => line !== "");
      reject(
        new PulumiCliError(
          `pulumi ${args.slice(0, 2).join(" ")} failed: ${firstLine ?? `exit code ${error.code}`}`,
        ),
      );
    });
  });
}

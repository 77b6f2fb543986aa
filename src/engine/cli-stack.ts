import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** What one `pulumi` command did. */
export interface CliResult {
  /** The command line after `pulumi`. */
  readonly args: readonly string[];
  /** Its exit code. */
  readonly code: number;
  /** What it printed on stdout. */
  readonly stdout: string;
  /** What it printed on stderr. */
  readonly stderr: string;
}

/** Options of {@link openCliStack}. */
export interface CliStackOptions {
  /** The Pulumi project directory (holding `Pulumi.yaml`); the CLI runs there. */
  readonly projectDir: string;
  /**
   * The stack name.
   *
   * @defaultValue `dev`
   */
  readonly stackName?: string;
  /**
   * Extra environment for the CLI and the processes it starts. The inherited environment loses every
   * `HEROKU_`, `SQUADCAST_` and `SENTRY_` variable first, so credentials and endpoints come from stack
   * config as a user's CI sets them, unless given here.
   */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * A stack run through the `pulumi` CLI exactly as a user runs it: `pulumi login file://…` into a
 * temporary backend with its own `PULUMI_HOME`, `pulumi stack init`, then any command. The program runs
 * on the Node.js language host the CLI finds (the official one, or this repository's
 * `tools/language-host`).
 */
export interface CliStack {
  /** The project directory. */
  readonly projectDir: string;
  /** The stack name. */
  readonly stackName: string;
  /** The file backend's directory. */
  readonly backendDir: string;
  /** Runs `pulumi <args>` in the project directory; resolves with its exit code and output. */
  pulumi(args: readonly string[]): Promise<CliResult>;
  /**
   * Starts `pulumi <args>` without waiting, for a test that interrupts it: its process id, and its
   * result once it ends (code -1 when a signal ended it).
   */
  start(args: readonly string[]): RunningCli;
  /** Runs `pulumi <args>` and rejects, with everything it printed, unless it exits 0. */
  succeed(args: readonly string[]): Promise<CliResult>;
  /** `pulumi config set [--secret] <key> <value>`; the value goes on stdin, never on a command line. */
  setConfig(key: string, value: string, options?: { secret?: boolean }): Promise<void>;
  /** The raw checkpoint file the engine wrote (secrets stay encrypted). */
  readStateFile(): string;
  /** Removes the stack and the temporary directories this created. */
  dispose(): Promise<void>;
}

/** A `pulumi` command that is still running. */
export interface RunningCli {
  /** The CLI's process id. */
  readonly pid: number;
  /** What it did, once it ends. */
  readonly result: Promise<CliResult>;
}

/** Whether the CLI on PATH can run a Node.js program: it needs a `pulumi-language-nodejs` beside it or on PATH. */
export function hasNodejsLanguageHost(): boolean {
  const found = (name: string) => {
    try {
      return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
    } catch {
      return "";
    }
  };
  const cli = found("pulumi");
  if (cli === "") return false;
  return (
    fs.existsSync(path.join(path.dirname(cli), "pulumi-language-nodejs")) ||
    found("pulumi-language-nodejs") !== ""
  );
}

/** Logs into a new temporary file backend and creates the stack. */
export async function openCliStack(options: CliStackOptions): Promise<CliStack> {
  const temporary = fs.mkdtempSync(path.join(os.tmpdir(), "heroku-squadcast-cli-"));
  const backendDir = path.join(temporary, "state");
  const home = path.join(temporary, "pulumi-home");
  fs.mkdirSync(backendDir);
  fs.mkdirSync(home);
  const stackName = options.stackName ?? "dev";
  const env = cliEnv(home, options.env ?? {});

  const pulumi = (args: readonly string[], input?: string) =>
    startCli(args, options.projectDir, env, input).result;
  const succeed = async (args: readonly string[], input?: string) => {
    const result = await pulumi(args, input);
    if (result.code !== 0) {
      throw new Error(
        `pulumi ${args.join(" ")} exited ${result.code} in ${options.projectDir}:\n${result.stdout}${result.stderr}`,
      );
    }
    return result;
  };

  await succeed(["login", `file://${backendDir}`]);
  await succeed(["stack", "init", stackName, "--secrets-provider", "passphrase"]);
  return {
    projectDir: options.projectDir,
    stackName,
    backendDir,
    pulumi: (args) => pulumi(args),
    start: (args) => startCli(args, options.projectDir, env, undefined),
    succeed: (args) => succeed(args),
    async setConfig(key, value, { secret = false } = {}) {
      await succeed(["config", "set", ...(secret ? ["--secret"] : ["--plaintext"]), key], value);
    },
    readStateFile() {
      const project = /^name:\s*(\S+)/m.exec(
        fs.readFileSync(path.join(options.projectDir, "Pulumi.yaml"), "utf8"),
      )?.[1];
      return fs.readFileSync(
        path.join(backendDir, ".pulumi", "stacks", project ?? "", `${stackName}.json`),
        "utf8",
      );
    },
    async dispose() {
      await pulumi(["stack", "rm", "--yes", "--force", stackName]);
      fs.rmSync(path.join(options.projectDir, `Pulumi.${stackName}.yaml`), { force: true });
      fs.rmSync(temporary, { recursive: true, force: true });
    },
  };
}

/** The CLI's environment: no update check, no plugin downloads, no prompts, a passphrase for secrets. */
function cliEnv(home: string, extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(HEROKU_|SQUADCAST_|SENTRY_|PULUMI_)/.test(key)) continue;
    // What `npm test` / `npm run` says about this repository must not leak into the project's npm.
    if (/^(npm_package_|npm_lifecycle_|npm_config_local_prefix$|INIT_CWD$)/.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    PULUMI_HOME: home,
    PULUMI_CONFIG_PASSPHRASE: randomBytes(16).toString("hex"),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    ...extra,
  };
}

function startCli(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  input: string | undefined,
): RunningCli {
  let pid = 0;
  const result = new Promise<CliResult>((resolve, reject) => {
    const child = execFile(
      "pulumi",
      [...args, "--non-interactive"],
      { cwd, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code =
          error === null ? 0 : typeof error.code === "number" ? error.code : error.signal ? -1 : null;
        if (code === null) {
          reject(
            new Error(
              `could not run pulumi ${args.join(" ")}: ${error?.message ?? "unknown"}; is the Pulumi CLI on ` +
                "PATH? In this repository, `source scripts/pulumi-cli.sh` builds it",
            ),
          );
          return;
        }
        resolve({ args, code, stdout, stderr });
      },
    );
    pid = child.pid ?? 0;
    child.stdin?.end(input ?? "");
  });
  return { pid, result };
}

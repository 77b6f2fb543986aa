#!/usr/bin/env node
import type { EventEmitter } from "node:events";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { startSandbox, type Sandbox, type SandboxOptions } from "./server";

/** A running command-line sandbox. */
export interface SandboxCliRun {
  /** The sandbox started. */
  readonly sandbox: Sandbox;
  /** Settles once a signal has stopped the sandbox. */
  readonly stopped: Promise<void>;
}

const USAGE = `usage: heroku-squadcast-sandbox [--port 4010] [--host 127.0.0.1] [--latency-ms N] [--log]
       heroku-squadcast-sandbox --help | --version

Starts local emulations of the Heroku, Squadcast and Sentry APIs, prints one JSON line with their URLs,
then export lines for a shell to eval, and runs until SIGINT or SIGTERM.

  --port <port>        first port (the servers take consecutive ones); 0 picks free ports. Default: 4010
  --host <host>        address to listen on. Default: 127.0.0.1
  --latency-ms <ms>    delay added to every answer. Default: 0
  --log                log every request
  -h, --help           show this help
  -v, --version        print the version

Exit code: 0 once started (or after --help, --version), 2 for a wrong command line or a port in use.`;

/** The exit codes of `heroku-squadcast-sandbox`. */
const EXIT = { ok: 0, usage: 2 } as const;

const FLAGS = {
  port: { type: "string" },
  host: { type: "string" },
  "latency-ms": { type: "string" },
  log: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** What the command line asks for: the help, the version, or a sandbox with these options. */
export type SandboxCommand = "help" | "version" | SandboxOptions;

/**
 * The `heroku-squadcast-sandbox` command: starts a sandbox, prints one JSON line with the base URLs,
 * then `export NAME=value` lines for a shell to `eval`, and stops on SIGINT or SIGTERM.
 *
 * @param argv the arguments after the command name; must ask for a sandbox, not help or the version.
 * @param output where to print; default stdout.
 * @param signals where SIGINT and SIGTERM come from; default the process.
 */
export async function runSandboxCli(
  argv: readonly string[],
  output: { write(text: string): unknown } = process.stdout,
  signals: EventEmitter = process,
): Promise<SandboxCliRun> {
  const command = parseArguments(argv);
  if (typeof command === "string") throw new Error(`--${command} starts no sandbox`);
  const sandbox = await startSandbox(command);
  output.write(`${JSON.stringify(sandbox.urls)}\n`);
  for (const [name, value] of Object.entries(sandbox.env))
    output.write(`export ${name}=${shellQuote(value)}\n`);
  const stopped = new Promise<void>((resolve, reject) => {
    const onSignal = () => {
      signals.off("SIGINT", onSignal);
      signals.off("SIGTERM", onSignal);
      sandbox.stop().then(resolve, reject);
    };
    signals.on("SIGINT", onSignal);
    signals.on("SIGTERM", onSignal);
  });
  return { sandbox, stopped };
}

/**
 * The command as the process runs it: help and version on stdout, errors as one message and the usage on
 * stderr, and the exit code.
 *
 * @param argv the arguments after the command name.
 * @param io where to write.
 * @param signals where SIGINT and SIGTERM come from; default the process.
 */
export async function runSandboxBin(
  argv: readonly string[],
  io: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } },
  signals: EventEmitter = process,
): Promise<number> {
  let command: SandboxCommand;
  try {
    command = parseArguments(argv);
  } catch (error) {
    io.stderr.write(`heroku-squadcast-sandbox: ${(error as Error).message}\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (command === "help") {
    io.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (command === "version") {
    io.stdout.write(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  try {
    await runSandboxCli(argv, io.stdout, signals);
    return EXIT.ok;
  } catch (error) {
    io.stderr.write(`heroku-squadcast-sandbox: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
}

/** Reads the command's flags; throws one line saying what is wrong. */
export function parseArguments(argv: readonly string[]): SandboxCommand {
  let values;
  try {
    values = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // Node's message goes on about `--` tricks; the first sentence is what matters.
    throw new Error(error instanceof Error ? error.message.split(/\.\s/)[0]! : String(error), {
      cause: error,
    });
  }
  if (values.help) return "help";
  if (values.version) return "version";
  const options: { -readonly [K in keyof SandboxOptions]: SandboxOptions[K] } = {};
  if (values.log) options.log = true;
  if (values.host !== undefined) options.host = values.host;
  if (values.port !== undefined) options.port = integer("--port", values.port, 65_531);
  if (values["latency-ms"] !== undefined)
    options.latencyMs = integer("--latency-ms", values["latency-ms"], 120_000);
  return options;
}

function integer(flag: string, value: string, max: number): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > max) throw new Error(`${flag} must be an integer from 0 to ${max}`);
  return parsed;
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The package's version, read at run time: package.json sits one level above both src/ and dist/. */
function packageVersion(): string {
  const manifest = path.join(__dirname, "..", "package.json");
  return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}

if (require.main === module) {
  void runSandboxBin(process.argv.slice(2), process).then((code) => {
    process.exitCode = code;
  });
}

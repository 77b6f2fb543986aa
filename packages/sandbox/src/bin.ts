#!/usr/bin/env node
import type { EventEmitter } from "node:events";
import { startSandbox, type Sandbox, type SandboxOptions } from "./server";

/** A running command-line sandbox. */
export interface SandboxCliRun {
  /** The sandbox started. */
  readonly sandbox: Sandbox;
  /** Settles once a signal has stopped the sandbox. */
  readonly stopped: Promise<void>;
}

const USAGE = "usage: heroku-squadcast-sandbox [--port 4010] [--host 127.0.0.1] [--latency-ms N] [--log]";

/**
 * The `heroku-squadcast-sandbox` command: starts a sandbox, prints one JSON line with the base URLs,
 * then `export NAME=value` lines for a shell to `eval`, and stops on SIGINT or SIGTERM.
 *
 * @param argv the arguments after the command name.
 * @param output where to print; default stdout.
 * @param signals where SIGINT and SIGTERM come from; default the process.
 */
export async function runSandboxCli(
  argv: readonly string[],
  output: { write(text: string): unknown } = process.stdout,
  signals: EventEmitter = process,
): Promise<SandboxCliRun> {
  const sandbox = await startSandbox(parseArguments(argv));
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

/** Reads the command's flags; throws with the usage line on anything else. */
export function parseArguments(argv: readonly string[]): SandboxOptions {
  const options: { -readonly [K in keyof SandboxOptions]: SandboxOptions[K] } = {};
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    if (flag === "--log") {
      options.log = true;
      continue;
    }
    const value = argv[++index];
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    if (flag === "--host") options.host = value;
    else if (flag === "--port") options.port = integer(flag, value, 65_531);
    else if (flag === "--latency-ms") options.latencyMs = integer(flag, value, 120_000);
    else throw new Error(`unknown argument ${flag}\n${USAGE}`);
  }
  return options;
}

function integer(flag: string, value: string, max: number): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > max)
    throw new Error(`${flag} must be an integer from 0 to ${max}\n${USAGE}`);
  return parsed;
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

if (require.main === module) {
  runSandboxCli(process.argv.slice(2)).catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  });
}

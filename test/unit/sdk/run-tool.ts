import { spawnSync } from "node:child_process";
import * as path from "node:path";

/** The repository's root. */
export const ROOT = path.resolve(__dirname, "../../..");

/** Go as scripts/pulumi-cli.sh runs it: the toolchain on PATH, no cgo, modules resolved from go.mod. */
export const GO_ENV = { ...process.env, GOTOOLCHAIN: "local", CGO_ENABLED: "0", GOFLAGS: "-mod=mod" };

/** Building with Go from a cold cache takes minutes on two cores; a warm one, seconds. */
export const BUILD_TIMEOUT_MS = 15 * 60_000;

/** Runs a command to its end and returns its exit status and output (both streams, for the failure). */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): { status: number | null; stdout: string; output: string } {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, output: `${result.stdout}\n${result.stderr}` };
}

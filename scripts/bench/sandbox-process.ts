import { startSandbox, type SandboxOptions } from "heroku-squadcast-sandbox";

/**
 * Runs a sandbox in this process, for the benchmark's child started with `main.js --sandbox-process`:
 * the real APIs run elsewhere, and in the benchmark's own process the sandbox's work would compete with
 * the Pulumi program on one event loop and be counted against the library.
 *
 * Prints `{urls, env}` as one JSON line once listening, and stops when stdin closes (the benchmark
 * ended, or died).
 *
 * @param optionsJson - the sandbox options as JSON (the port is always chosen by the system).
 */
export async function runSandboxProcess(optionsJson: string): Promise<void> {
  const options = JSON.parse(optionsJson) as SandboxOptions;
  const sandbox = await startSandbox({ ...options, port: 0 });
  process.stdout.write(`${JSON.stringify({ urls: sandbox.urls, env: sandbox.env })}\n`);
  const stop = () => void sandbox.stop().finally(() => process.exit(0));
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.on("SIGTERM", stop);
  process.stdin.resume();
}

import { spawn } from "node:child_process";
import * as path from "node:path";
import * as readline from "node:readline";
import { SandboxAdminClient, type SandboxOptions, type SandboxUrls } from "heroku-squadcast-sandbox";

/** A sandbox running in a child process (`main.js --sandbox-process`), driven through its admin API. */
export interface BenchSandbox {
  /** Where each API listens. */
  readonly urls: SandboxUrls;
  /** Environment variables that point the library at the sandbox. */
  readonly env: Readonly<Record<string, string>>;
  /** A client of the admin API. */
  readonly admin: SandboxAdminClient;
  /** Stops the sandbox and waits for its process to end. */
  stop(): Promise<void>;
}

/** Starts a sandbox in a child process and resolves once it listens. */
export async function startSandboxProcess(options: Omit<SandboxOptions, "port">): Promise<BenchSandbox> {
  const child = spawn(
    process.execPath,
    [path.join(__dirname, "main.js"), "--sandbox-process", JSON.stringify(options)],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const lines = readline.createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) =>
      reject(new Error(`the sandbox process exited with ${code} before listening`)),
    );
  });
  lines.close();
  const { urls, env } = JSON.parse(first) as { urls: SandboxUrls; env: Record<string, string> };
  return {
    urls,
    env,
    admin: new SandboxAdminClient(urls.admin),
    async stop() {
      // Closing its stdin asks it to stop; the parent's exit does the same if this is never called.
      child.stdin.end();
      await exited;
    },
  };
}

import * as fs from "node:fs";
import * as path from "node:path";
import type { Sandbox } from "heroku-squadcast-sandbox";
import { packPackage, run } from "../consumer/harness";

/** The provider plugin installed as a user of another language installs it. */
export interface InstalledPlugin {
  /** The directory holding `pulumi-resource-heroku-squadcast`, to put on PATH. */
  readonly binDir: string;
  /** The installed package's directory (self-contained: its dependencies are inside it). */
  readonly packageDir: string;
}

/**
 * `npm install --global pulumi-heroku-squadcast`, the README's one command, from the packed tarball of the
 * package as it is built now, into a prefix of its own under `work`.
 */
export async function installPluginGlobally(work: string): Promise<InstalledPlugin> {
  const { tarball } = await packPackage(work);
  const prefix = path.join(work, "global");
  fs.mkdirSync(prefix, { recursive: true });
  await run(
    "npm",
    ["install", "--global", "--prefix", prefix, "--no-audit", "--no-fund", "--prefer-offline", tarball],
    work,
  );
  return {
    binDir: path.join(prefix, "bin"),
    packageDir: path.join(prefix, "lib", "node_modules", "pulumi-heroku-squadcast"),
  };
}

/** A PATH with the plugin first. */
export function pathWith(plugin: InstalledPlugin): string {
  return `${plugin.binDir}${path.delimiter}${process.env.PATH ?? ""}`;
}

/** The example project `examples/<name>`, copied into `work` (stack files left behind). */
export function copyExample(name: string, work: string): string {
  const dir = path.join(work, name);
  fs.cpSync(path.resolve(__dirname, "../../../examples", name), dir, {
    recursive: true,
    filter: (file) => !/^Pulumi\..+\.yaml$/.test(path.basename(file)),
  });
  return dir;
}

/** The plugin's configuration pointed at the sandbox, the credentials as secrets, as a user's CI sets them. */
export async function configurePluginForSandbox(
  stack: { setConfig(key: string, value: string, options?: { secret?: boolean }): Promise<void> },
  env: Readonly<Record<string, string>>,
): Promise<void> {
  await stack.setConfig("heroku-squadcast:herokuApiUrl", env.HEROKU_API_URL);
  await stack.setConfig("heroku-squadcast:squadcastApiUrl", env.SQUADCAST_API_URL);
  await stack.setConfig("heroku-squadcast:squadcastAuthUrl", env.SQUADCAST_AUTH_URL);
  await stack.setConfig("heroku-squadcast:herokuApiKey", env.HEROKU_API_KEY, { secret: true });
  await stack.setConfig("heroku-squadcast:squadcastRefreshToken", env.SQUADCAST_REFRESH_TOKEN, {
    secret: true,
  });
}

/** A resource of a stack's state file, as the plugin tests read it. */
export interface StateResource {
  readonly type: string;
  readonly urn: string;
  readonly outputs?: Record<string, unknown>;
  readonly inputs?: Record<string, unknown>;
}

/** The resources of a stack's latest checkpoint. */
export function stateResourcesOf(stack: { readStateFile(): string }): StateResource[] {
  const state = JSON.parse(stack.readStateFile()) as {
    checkpoint: { latest: { resources?: StateResource[] } };
  };
  return state.checkpoint.latest.resources ?? [];
}

/** The short names of the alert sources active on a sandbox service, sorted. */
export async function activeSourceNames(sandbox: Sandbox, serviceId: string): Promise<string[]> {
  return (await sandbox.admin.activeAlertSources(serviceId)).map((source) => source.shortName).sort();
}

import * as fs from "node:fs";
import * as path from "node:path";
import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { openCliStack, type CliStack } from "../../../src/engine/cli-stack";
import { ENTITY_PRESETS } from "../../../src/mapping";
import { TSC, run } from "../consumer/harness";
import { useSandboxStacks } from "../../support/use-sandbox-stack";

// The TypeScript example on the Node.js SDK generated for the provider plugin (examples/sdk-typescript
// on sdk/nodejs), run through the `pulumi` CLI on the sandbox as a user runs it: the SDK compiled and
// packed as a published one would be, the plugin found on PATH as after a global install of the package.

const ROOT = path.resolve(__dirname, "../../..");
const PLUGIN = path.join(ROOT, "dist/provider/plugin/main.js");
const SDK_PACKAGE = "pulumi-heroku-squadcast-sdk";
/**
 * The generated SDK asks for @pulumi/pulumi ^3.269.0 (its code calls `runtime.existsResource`, which
 * 3.248.0, this repository's own, lacks): the newest the registry serves here, pinned.
 */
const PULUMI_FOR_SDK = "3.276.0";
const APP = SANDBOX_FIXTURE.heroku.appName;
const { serviceName, teamName } = SANDBOX_FIXTURE.squadcast;
/** The preset the example asks for: the entities Squadcast can open and close an incident on. */
const RESOLVABLE = [...ENTITY_PRESETS.resolvable].sort();

/**
 * Compiles sdk/nodejs into `work` against the project's own packages (the generated code needs the
 * @pulumi/pulumi its package.json asks for), packs it as a published SDK is packed (the compiled `bin`
 * with the package.json), and returns the tarball.
 */
async function packNodejsSdk(work: string, project: string): Promise<string> {
  const source = path.join(work, "sdk-nodejs");
  fs.cpSync(path.join(ROOT, "sdk/nodejs"), source, {
    recursive: true,
    filter: (file) => !/^(node_modules|bin)$/.test(path.basename(file)),
  });
  fs.symlinkSync(path.join(project, "node_modules"), path.join(source, "node_modules"));
  await run(process.execPath, [TSC, "-p", source], source);
  const bin = path.join(source, "bin");
  for (const file of ["package.json", "README.md"]) {
    fs.copyFileSync(path.join(source, file), path.join(bin, file));
  }
  const packed = await run("npm", ["pack", "--json", "--pack-destination", work], bin);
  return path.join(work, (JSON.parse(packed) as { filename: string }[])[0].filename);
}

/** The plugin on PATH, as `npm install -g` of the package puts its bin there. */
function pluginOnPath(work: string): string {
  const dir = path.join(work, "plugin-bin");
  fs.mkdirSync(dir);
  fs.symlinkSync(PLUGIN, path.join(dir, "pulumi-resource-heroku-squadcast"));
  return `${dir}${path.delimiter}${process.env.PATH}`;
}

interface StateResource {
  readonly type: string;
}

describe("a TypeScript program on the generated Node.js SDK, through the CLI", () => {
  const { sandbox, disposeAfter, temporaryDirectory } = useSandboxStacks();
  let stack: CliStack;

  beforeAll(async () => {
    const work = temporaryDirectory("sdk-nodejs-");
    const project = path.join(work, "project");
    fs.cpSync(path.join(ROOT, "examples/sdk-typescript"), project, {
      recursive: true,
      filter: (file) => !/^(node_modules|bin|Pulumi\..+\.yaml)$/.test(path.basename(file)),
    });
    const manifestPath = path.join(project, "package.json");
    const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as {
      dependencies: Record<string, string>;
    };
    delete manifest.dependencies[SDK_PACKAGE];
    manifest.dependencies["@pulumi/pulumi"] = PULUMI_FOR_SDK;
    fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], project);
    const tarball = await packNodejsSdk(work, project);
    await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], project);

    stack = disposeAfter(await openCliStack({ projectDir: project, env: { PATH: pluginOnPath(work) } }));
    const env = sandbox.env;
    await stack.setConfig("heroku-squadcast:herokuApiUrl", env.HEROKU_API_URL);
    await stack.setConfig("heroku-squadcast:squadcastApiUrl", env.SQUADCAST_API_URL);
    await stack.setConfig("heroku-squadcast:squadcastAuthUrl", env.SQUADCAST_AUTH_URL);
    await stack.setConfig("heroku-squadcast:herokuApiKey", env.HEROKU_API_KEY, { secret: true });
    await stack.setConfig("heroku-squadcast:squadcastRefreshToken", env.SQUADCAST_REFRESH_TOKEN, {
      secret: true,
    });
    await stack.setConfig("app", APP);
    await stack.setConfig("service", serviceName);
    await stack.setConfig("team", teamName);
  });

  test("up wires the app through the plugin: its own resources in state, no dynamic provider", async () => {
    await stack.succeed(["up", "--yes", "--skip-preview"]);

    const webhooks = await sandbox.admin.herokuWebhooks(APP);
    expect(webhooks.map((w) => [...w.include].sort())).toEqual([RESOLVABLE]);
    const state = JSON.parse(stack.readStateFile()) as {
      checkpoint: { latest: { resources: StateResource[] } };
    };
    const types = state.checkpoint.latest.resources.map((r) => r.type).sort();
    expect(types).toEqual([
      "heroku-squadcast:heroku:AppWebhook",
      "heroku-squadcast:index:Integration",
      "heroku-squadcast:squadcast:AlertSource",
      "pulumi:providers:heroku-squadcast",
      "pulumi:pulumi:Stack",
    ]);
    const secrets = [sandbox.env.HEROKU_API_KEY, sandbox.env.SQUADCAST_REFRESH_TOKEN];
    expect(secrets.filter((secret) => stack.readStateFile().includes(secret))).toEqual([]);
  });

  test("a second preview shows no change", async () => {
    await stack.succeed(["preview", "--expect-no-changes"]);
  });

  test("destroy removes the webhook", async () => {
    await stack.succeed(["destroy", "--yes", "--skip-preview"]);
    expect(await sandbox.admin.herokuWebhooks(APP)).toEqual([]);
  });
});

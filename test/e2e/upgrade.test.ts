import * as fs from "node:fs";
import * as path from "node:path";
import type { LocalStack } from "../../src/engine/local-stack";
import { AppWebhook } from "../../src/heroku/app-webhook";
import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { AlertSource } from "../../src/squadcast/alert-source";
import { useSandboxStacks } from "../support/use-sandbox-stack";

const repositoryRoot = path.resolve(__dirname, "../..");
const APP = SANDBOX_FIXTURE.heroku.appName;
const PROJECT = "upgrade-e2e";

interface StateResource {
  readonly inputs?: { readonly __provider?: string };
  readonly outputs?: { readonly __provider?: string };
}

/**
 * Copies the built package into `directory`, as `npm install` would put one version of it in a project,
 * with a last line that records in `loadLog` each provider process that loads it, under `build`.
 * Its own dependencies resolve from the repository's node_modules.
 */
function installPackageCopy(directory: string, loadLog: string, build: string): string {
  fs.mkdirSync(directory, { recursive: true });
  fs.copyFileSync(path.join(repositoryRoot, "package.json"), path.join(directory, "package.json"));
  fs.cpSync(path.join(repositoryRoot, "dist"), path.join(directory, "dist"), { recursive: true });
  fs.symlinkSync(path.join(repositoryRoot, "node_modules"), path.join(directory, "node_modules"), "dir");
  const implementation = path.join(directory, "dist", "provider", "implementations.js");
  fs.appendFileSync(
    implementation,
    `\nrequire("node:fs").appendFileSync(${JSON.stringify(loadLog)}, ${JSON.stringify(`${build}\n`)});\n`,
  );
  return implementation;
}

/** A project directory whose node_modules holds the copy and the repository's `@pulumi`. */
function projectUsing(packageDirectory: string, projectDirectory: string): string {
  const modules = path.join(projectDirectory, "node_modules");
  fs.mkdirSync(modules, { recursive: true });
  fs.symlinkSync(path.join(repositoryRoot, "node_modules", "@pulumi"), path.join(modules, "@pulumi"), "dir");
  fs.symlinkSync(packageDirectory, path.join(modules, "pulumi-heroku-squadcast"), "dir");
  // Without a Pulumi.yaml, the Automation API makes the calling process's cwd (the repository, which
  // resolves this package to itself) the program directory, and provider processes start there instead.
  fs.writeFileSync(path.join(projectDirectory, "Pulumi.yaml"), `name: ${PROJECT}\nruntime: nodejs\n`);
  return projectDirectory;
}

// Pulumi runs the `__provider` text stored in state for refresh and destroy, even after the library was
// upgraded. This proves the stored stub keeps working when the implementation behind it changes, and
// that a new implementation causes no diff.
describe("state written by one build of the library, after the implementation changed", () => {
  const { sandbox, openStack, temporaryDirectory } = useSandboxStacks();
  let loadLog: string;
  let implementation: string;
  let local: LocalStack;
  let providersAfterUp: string[];

  beforeAll(async () => {
    const root = temporaryDirectory("heroku-squadcast-upgrade-");
    loadLog = path.join(root, "implementation-loads.log");
    const packageCopy = path.join(root, "package");
    implementation = installPackageCopy(packageCopy, loadLog, "build-1");
    local = await openStack({
      projectName: PROJECT,
      workDir: projectUsing(packageCopy, path.join(root, "project")),
      program: async () => {
        const source = new AlertSource("source", { service: { name: "demo-service", team: "Default Team" } });
        const webhook = new AppWebhook("webhook", {
          app: APP,
          url: source.webhookUrl,
          entities: "resolvable",
        });
        return { webhookId: webhook.webhookId };
      },
    });
  });

  /** The `__provider` text of every resource, inputs and outputs, in state order. */
  function storedProviders(): string[] {
    const state = JSON.parse(local.readStateFile()) as {
      checkpoint: { latest: { resources: StateResource[] } };
    };
    return state.checkpoint.latest.resources.flatMap((resource) =>
      [resource.inputs?.__provider, resource.outputs?.__provider].filter(
        (text): text is string => text !== undefined,
      ),
    );
  }

  /** How many provider processes so far loaded each build of the implementation. */
  function loads(): Record<string, number> {
    const lines = fs.existsSync(loadLog) ? fs.readFileSync(loadLog, "utf8").split("\n") : [];
    const counts: Record<string, number> = { "build-1": 0, "build-2": 0 };
    for (const line of lines) if (line in counts) counts[line]++;
    return counts;
  }

  test("up with the first build", async () => {
    const result = await local.stack.up();
    expect(result.summary.resourceChanges).toEqual({ create: 3 });
    expect(loads()["build-1"]).toBeGreaterThan(0);
    providersAfterUp = storedProviders();
    // Two dynamic resources, each with the stub in its inputs and outputs.
    expect(providersAfterUp).toHaveLength(4);
    expect(await sandbox.admin.herokuWebhooks(APP)).toHaveLength(1);
  });

  test("the installed copy is upgraded to a second build; the repository's build is untouched", () => {
    const firstBuild = fs.readFileSync(implementation, "utf8");
    fs.writeFileSync(implementation, firstBuild.replace('"build-1\\n"', '"build-2\\n"'));
    expect(fs.readFileSync(implementation, "utf8")).toContain('"build-2\\n"');
    expect(
      fs.readFileSync(path.join(repositoryRoot, "dist/provider/implementations.js"), "utf8"),
    ).not.toContain(loadLog);
  });

  test("preview through the second build proposes no change", async () => {
    const before = loads();
    const preview = await local.stack.preview();
    expect(preview.changeSummary).toEqual({ same: 3 });
    expect(loads()).toEqual({ "build-1": before["build-1"], "build-2": expect.any(Number) });
    expect(loads()["build-2"]).toBeGreaterThan(0);
  });

  test("refresh through the second build keeps the stored stub byte for byte", async () => {
    const before = loads();
    const refresh = await local.stack.refresh();
    expect(refresh.summary.result).toBe("succeeded");
    expect(refresh.summary.resourceChanges).toEqual({ same: 3 });
    expect(loads()["build-1"]).toBe(before["build-1"]);
    expect(loads()["build-2"]).toBeGreaterThan(before["build-2"]);
    expect(storedProviders()).toEqual(providersAfterUp);
  });

  test("destroy through the second build removes everything", async () => {
    const before = loads();
    const destroy = await local.stack.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 3 });
    expect(loads()["build-2"]).toBeGreaterThan(before["build-2"]);
    expect(await sandbox.admin.herokuWebhooks(APP)).toEqual([]);
    expect(
      (await sandbox.admin.activeAlertSources("demo-service")).map((source) => source.shortName),
    ).toEqual(["datadog"]);
  });
});

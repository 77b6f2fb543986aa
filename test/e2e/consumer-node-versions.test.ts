import * as fs from "node:fs";
import * as path from "node:path";
import { ConsumerProject, TSC, TYPES_NODE, expectPortableState, packPackage, run } from "./consumer/harness";
import { useSandboxStacks } from "../support/use-sandbox-stack";

// The packed package on the Node.js releases a new Pulumi project gets today, 22 and 24 (official
// binaries, from scripts/node-runtime.sh), with the newest @pulumi/pulumi the registry serves (3.249 and
// later require Node.js 22). One representative run per release: npm installs the tarball, the program
// type-checks under Pulumi's template tsconfig, then up, a no-change preview and destroy run through the
// CLI, with npm, the program, the language host's node and the provider process all on that release. The
// rest of the consumer suite (declarations, policy pack, examples, the pull-request preview) runs on the
// Node.js that runs the tests: what changes from one release to the next is the runtime, exercised here.

const repositoryRoot = path.resolve(__dirname, "../..");
const NEWEST_PULUMI_AT_LEAST = [3, 270] as const;

/** The bin directory of the newest release of a Node.js major version, installed once into a cache. */
async function nodeRuntime(major: number): Promise<string> {
  const script = path.join(repositoryRoot, "scripts/node-runtime.sh");
  return (await run("bash", [script, String(major)], repositoryRoot)).trim();
}

describe.each([22, 24])("a TypeScript project using the packed package on Node.js %i", (major) => {
  const { sandbox, temporaryDirectory } = useSandboxStacks();
  let project: ConsumerProject;
  let installOutput: string;
  let nodeVersion: string;
  let pulumiVersion: string;

  beforeAll(async () => {
    const work = temporaryDirectory();
    const [nodeBin, packed] = await Promise.all([nodeRuntime(major), packPackage(work)]);
    project = new ConsumerProject("typescript", work, nodeBin);
    installOutput = await project.install(
      [packed.tarball],
      ["@pulumi/pulumi@latest", `@types/node@${TYPES_NODE}`],
    );
    nodeVersion = (await run(project.node, ["--version"], project.dir)).trim();
    pulumiVersion = (
      JSON.parse(
        fs.readFileSync(path.join(project.dir, "node_modules/@pulumi/pulumi/package.json"), "utf8"),
      ) as { version: string }
    ).version;
    console.log(`consumer project on Node.js ${nodeVersion} with @pulumi/pulumi ${pulumiVersion}`);
    for (const app of ["shop-web", "shop-api"]) await sandbox.admin.createHerokuApp(app);
    await sandbox.admin.createSquadcastService("payments", "Default Team");
  }, 300_000);

  test(`installs on Node.js ${major} next to @pulumi/pulumi ${NEWEST_PULUMI_AT_LEAST.join(".")} or newer, with no engine warning`, () => {
    expect(nodeVersion).toMatch(new RegExp(`^v${major}\\.\\d+\\.\\d+$`));
    const [pulumiMajor, pulumiMinor] = pulumiVersion.split(".").map(Number);
    expect(pulumiMajor).toBe(NEWEST_PULUMI_AT_LEAST[0]);
    expect(pulumiMinor).toBeGreaterThanOrEqual(NEWEST_PULUMI_AT_LEAST[1]);
    expect(installOutput).not.toContain("EBADENGINE");
  });

  test("the program type-checks under Pulumi's template tsconfig", async () => {
    await run(project.node, [TSC, "-p", "tsconfig.json"], project.dir);
    expect(fs.existsSync(path.join(project.dir, "bin/index.js"))).toBe(true);
  }, 120_000);

  test("up creates every resource, a second preview proposes nothing, destroy removes them", async () => {
    const up = await project.succeed(sandbox, { operation: "up" });
    expect(up.resourceChanges).toEqual({ create: 8 });
    expect(await sandbox.admin.herokuWebhooks("shop-api")).toHaveLength(1);
    expectPortableState(project.readState(), project);

    const preview = await project.succeed(sandbox, { operation: "preview" });
    expect(preview.changeSummary).toEqual({ same: 8 });

    const destroy = await project.succeed(sandbox, { operation: "destroy" });
    expect(destroy.resourceChanges).toEqual({ delete: 8 });
    for (const app of ["demo-app", "shop-web", "shop-api"]) {
      expect(await sandbox.admin.herokuWebhooks(app)).toEqual([]);
    }
  }, 300_000);
});

import * as fs from "node:fs";
import * as path from "node:path";
import {
  ConsumerProject,
  DEV_PULUMI,
  POLICY_SDK,
  TSC,
  TYPES_NODE,
  exportTargets,
  expectPortableState,
  manifest,
  packPackage,
  run,
  type Outputs,
  type PackedPackage,
} from "./consumer/harness";
import { useSandboxStacks } from "../support/use-sandbox-stack";

// A TypeScript Pulumi project that installs the packed package with the @pulumi/pulumi this repository
// develops with and @pulumi/policy, compiles against the published declarations, then previews, deploys,
// runs the shipped policy pack and destroys against the sandbox.

const repositoryRoot = path.resolve(__dirname, "../..");

/** The tsconfig.json of Pulumi's `typescript` project template, with the program's one file. */
const PULUMI_TEMPLATE_TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

describe(`a TypeScript project using the packed package on @pulumi/pulumi ${DEV_PULUMI}`, () => {
  const { sandbox, temporaryDirectory } = useSandboxStacks();
  let packed: PackedPackage;
  let project: ConsumerProject;
  let installOutput: string;

  beforeAll(async () => {
    const work = temporaryDirectory();
    packed = await packPackage(work);
    project = new ConsumerProject("typescript", work);
    installOutput = await project.install(
      [packed.tarball],
      [`@pulumi/pulumi@${DEV_PULUMI}`, `@pulumi/policy@${POLICY_SDK}`, `@types/node@${TYPES_NODE}`],
    );
    for (const app of ["shop-web", "shop-api"]) await sandbox.admin.createHerokuApp(app);
    await sandbox.admin.createSquadcastService("payments", "Default Team");
  }, 240_000);

  test("the tarball holds the build, the policy pack and the documents, and nothing else", () => {
    // The guides, and the API reference that prepack generates (the global setup, for this pack).
    const guides = fs
      .readdirSync(path.join(repositoryRoot, "docs"))
      .filter((file) => file.endsWith(".md"))
      .map((file) => `docs/${file}`);
    expect(guides).toContain("docs/policy.md");
    expect(packed.files).toEqual(
      expect.arrayContaining([
        "package.json",
        "README.md",
        "LICENSE",
        "CHANGELOG.md",
        "schema.json",
        "pulumi-resource-heroku-squadcast",
        ...guides,
        "docs/api/README.md",
        "docs/api/pulumi-heroku-squadcast/README.md",
        "docs/api/pulumi-heroku-squadcast/policy/README.md",
        "policy-pack/PulumiPolicy.yaml",
        "policy-pack/package.json",
        "policy-pack/index.js",
        ...exportTargets(),
        ...Object.values(manifest.bin),
      ]),
    );
    const unexpected = packed.files.filter(
      (file) =>
        !/^(dist\/.+\.(js|d\.ts|js\.map)|policy-pack\/[^/]+|docs\/[^/]+\.md|docs\/api\/.+\.md|package\.json|schema\.json|pulumi-resource-heroku-squadcast|README\.md|LICENSE|CHANGELOG\.md)$/.test(
          file,
        ) || /^dist\/(demo|engine|sandbox)\//.test(file),
    );
    expect(unexpected).toEqual([]);
    expect(fs.existsSync(path.join(project.installedPackage, "docs/api/README.md"))).toBe(true);
  });

  test(`installs on Node ${process.versions.node} with no engine warning and brings no web server`, async () => {
    expect(installOutput).not.toContain("EBADENGINE");
    const dependencies = await project.libraryDependencyNames();
    expect(dependencies).toEqual(expect.arrayContaining(["axios", "zod"]));
    expect(
      dependencies.filter((name) => /^(fastify|@fastify\/.*|ajv|ajv-formats|light-my-request)$/.test(name)),
    ).toEqual([]);
    expect(fs.existsSync(path.join(project.dir, "node_modules/heroku-squadcast-sandbox"))).toBe(false);
  });

  test("source maps of the installed code carry the TypeScript sources", () => {
    const dist = path.join(project.installedPackage, "dist/heroku");
    expect(fs.readFileSync(path.join(dist, "app-webhook.js"), "utf8")).toMatch(
      /\/\/# sourceMappingURL=app-webhook\.js\.map\s*$/,
    );
    const map = JSON.parse(fs.readFileSync(path.join(dist, "app-webhook.js.map"), "utf8")) as {
      sources: string[];
      sourcesContent?: string[];
    };
    expect(map.sources).toEqual(["../../src/heroku/app-webhook.ts"]);
    expect(map.sourcesContent?.[0]).toContain("export class AppWebhook extends AppWebhookResource");
  });

  test("the program type-checks against the published declarations, with old and new module resolution", async () => {
    // Subpath entries: node10 resolution finds their types through typesVersions, node16 through exports.
    fs.writeFileSync(
      path.join(project.dir, "subpaths.ts"),
      [
        'import { policies } from "pulumi-heroku-squadcast/policy";',
        'import { implementationOf } from "pulumi-heroku-squadcast/provider";',
        "",
        "export async function subpaths(): Promise<string[]> {",
        "  const names: string[] = policies.map((policy) => policy.name);",
        "  await implementationOf(names[0]).check?.({}, {});",
        "  return names;",
        "}",
        "",
      ].join("\n"),
    );
    // tsconfig.json is exactly the one Pulumi's TypeScript template writes: strict, without
    // esModuleInterop or skipLibCheck, so every declaration file the package reaches must compile too.
    // The program, misuse.ts (whose @ts-expect-error lines prove the types are precise, not `any`) and
    // subpaths.ts (tsconfig.subpaths.json), with that configuration, then with node16 resolution.
    expect(JSON.parse(fs.readFileSync(path.join(project.dir, "tsconfig.json"), "utf8"))).toEqual(
      PULUMI_TEMPLATE_TSCONFIG,
    );
    const node16 = ["--module", "node16", "--moduleResolution", "node16"];
    for (const config of ["tsconfig.declarations.json", "tsconfig.subpaths.json"]) {
      await run(process.execPath, [TSC, "-p", config], project.dir);
      await run(process.execPath, [TSC, "-p", config, ...node16], project.dir);
    }
    await run(process.execPath, [TSC, "-p", "tsconfig.json"], project.dir);
    expect(fs.existsSync(path.join(project.dir, "bin/index.js"))).toBe(true);
  }, 300_000);

  test("preview proposes every resource and up creates them", async () => {
    const preview = await project.succeed(sandbox, { operation: "preview" });
    expect(preview.changeSummary).toEqual({ create: 8 });

    const up = await project.succeed(sandbox, { operation: "up" });
    expect(up.resourceChanges).toEqual({ create: 8 });
    const outputs = up.outputs as Outputs;
    const [billing] = await sandbox.admin.herokuWebhooks("demo-app");
    expect(outputs.billingWebhookId.value).toBe(billing.id);
    expect(outputs.billingEntities.value).toEqual({ "api:build": true, dyno: true });
    expect(outputs.resolvablePreset.value).toEqual(["api:build", "dyno"]);
    expect(outputs.billingWebhookUrl).toEqual({ value: billing.url, secret: true });
    expect(Object.keys(outputs.shopWebhooks.value as object).sort()).toEqual(["shop-api", "shop-web"]);
    const [shopApi] = await sandbox.admin.herokuWebhooks("shop-api");
    expect([...shopApi.include].sort()).toEqual(["api:release", "dyno"]);
    expect(shopApi.level).toBe("sync");
  });

  test("the state names the package, never a path, and keeps the webhook URL encrypted", async () => {
    const state = project.readState();
    expectPortableState(state, project);
    const [billing] = await sandbox.admin.herokuWebhooks("demo-app");
    expect(state).not.toContain(billing.url);
  });

  test("a second preview proposes nothing", async () => {
    const preview = await project.succeed(sandbox, { operation: "preview" });
    expect(preview.changeSummary).toEqual({ same: 8 });
  });

  test("the policy pack runs from the installed package", async () => {
    const policyPacks = [path.join(project.installedPackage, "policy-pack")];
    const [billing] = await sandbox.admin.herokuWebhooks("demo-app");

    // The sandbox delivers over http: the https policy, mandatory, stops the preview.
    const strict = await project.fail(sandbox, { operation: "preview", policyPacks });
    expect(strict).toContain(`heroku-squadcast@v${manifest.version}`);
    expect(strict).toContain("heroku-webhook-url-https-secret");
    expect(strict).toContain("plain http to a loopback address");
    expect(strict).not.toContain(billing.url);

    // With the sandbox allowed, the stack policy reports only the required app that is wired nowhere.
    const config = path.join(project.dir, "policy-config.json");
    fs.writeFileSync(
      config,
      JSON.stringify({
        "heroku-webhook-url-https-secret": { allowLoopbackHttp: true },
        "heroku-squadcast-fleet-coverage": {
          requiredApps: ["demo-app", "shop-web", "shop-api", "unwired-app"],
        },
      }),
    );
    const configured = await project.fail(sandbox, {
      operation: "preview",
      policyPacks,
      policyPackConfigs: [config],
    });
    expect(configured).toContain('app "unwired-app" is in requiredApps');
    for (const absent of [
      "heroku-webhook-url-https-secret",
      "squadcast-webhook-resolvable-entity",
      'app "demo-app"',
      'app "shop-web"',
      'app "shop-api"',
      "receives no app's events",
    ]) {
      expect(configured).not.toContain(absent);
    }
  });

  test("destroy removes everything it made", async () => {
    const destroy = await project.succeed(sandbox, { operation: "destroy" });
    expect(destroy.resourceChanges).toEqual({ delete: 8 });
    for (const app of ["demo-app", "shop-web", "shop-api"]) {
      expect(await sandbox.admin.herokuWebhooks(app)).toEqual([]);
    }
    const payments = await sandbox.admin.activeAlertSources("payments");
    expect(payments.map((source) => source.shortName)).not.toContain("heroku");
  });
});

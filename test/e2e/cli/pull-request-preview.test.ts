import * as fs from "node:fs";
import * as path from "node:path";
import type { CliResult } from "../../../src/engine/cli-stack";
import { SANDBOX_FIXTURE, type Sandbox } from "heroku-squadcast-sandbox";
import { FLEET_APPS } from "../../../examples/fleet/program";
import { createFleetEstate } from "../harness/fleet-example";
import { packPackage } from "../consumer/harness";
import { installExample, writeSandboxPolicyConfig, type ExampleProject } from "../harness/example-project";
import { useSandboxStacks } from "../../support/use-sandbox-stack";

// What a reviewer reads in the comment examples/preview-on-pull-request.yml puts on a pull request: the
// fleet example is up, a pull request changes what one app pages about, and the workflow's command runs:
//   pulumi preview --refresh --diff --policy-pack node_modules/pulumi-heroku-squadcast/policy-pack
// (plus, here only, a policy config that accepts the sandbox's loopback http URLs).

/** The pull request: shop-cron stops paging about dyno state and pages about builds and releases. */
const BEFORE = '{ app: "shop-cron", entities: ["dyno"] }';
const AFTER = '{ app: "shop-cron", entities: ["api:build", "api:release"] }';

describe("the pull-request preview of a one-app change in a 12-app fleet", () => {
  const { sandbox, disposeAfter, temporaryDirectory } = useSandboxStacks();
  let project: ExampleProject;
  let preview: CliResult;
  let comment: string;

  beforeAll(async () => {
    const work = temporaryDirectory();
    const { tarball } = await packPackage(work);
    await createFleetEstate(sandbox);
    project = disposeAfter(await installExample("fleet", work, tarball, sandbox));
    await project.stack.succeed(["up", "--yes", "--skip-preview"]);

    const program = path.join(project.dir, "program.ts");
    const source = fs.readFileSync(program, "utf8");
    if (!source.includes(BEFORE)) throw new Error(`examples/fleet/program.ts no longer has ${BEFORE}`);
    fs.writeFileSync(program, source.replace(BEFORE, AFTER));

    preview = await project.stack.pulumi([
      "preview",
      "--refresh",
      "--diff",
      "--policy-pack",
      path.join(project.dir, "node_modules/pulumi-heroku-squadcast/policy-pack"),
      "--policy-pack-config",
      writeSandboxPolicyConfig(work),
    ]);
    comment = preview.stdout + preview.stderr;
  }, 600_000);

  test("the preview succeeds and the policy pack passes", () => {
    expect(preview.code).toBe(0);
    expect(comment).toMatch(/Policy Packs run:\s+Name\s+Version\s+heroku-squadcast\|local\|\S+\s+0\.1\.0/);
    expect(comment).not.toMatch(/mandatory|advisory/);
  });

  test("exactly one resource is updated, the changed app's webhook, and nothing else changes", () => {
    expect(comment).toMatch(/Resources:\s+~ 1 to update\s+15 unchanged/);
    const changed = comment.split("\n").filter((line) => /^\s*[~+-]{1,2}\s+pulumi-nodejs:dynamic/.test(line));
    expect(changed).toEqual([
      expect.stringMatching(/~ pulumi-nodejs:dynamic\/heroku:AppWebhook: \(update\)/),
    ]);
    expect(comment).toContain("heroku-alerts-shop-cron");
  });

  // The webhook keeps its entities as a set keyed by name, so the engine diffs them key by key: each
  // entity added or removed is named as such, never paired with another one by position.
  test("the entity change names each entity added and removed, by name, not by position", () => {
    const entityDiff = /~ entities\s*: \{\n((?:\s+[~+-] .*\n)+)\s+\}/.exec(comment);
    expect(entityDiff).not.toBeNull();
    const lines = entityDiff![1]!.trim().split(/\n\s*/);
    expect(lines).toEqual([
      expect.stringMatching(/^\+ api:build\s*: true$/),
      expect.stringMatching(/^\+ api:release\s*: true$/),
      expect.stringMatching(/^- dyno\s*: true$/),
    ]);
    expect(comment).not.toMatch(/\[\d+\]:/);
  });

  test("no secret value appears anywhere in it", async () => {
    const secrets = [
      SANDBOX_FIXTURE.heroku.apiKey,
      SANDBOX_FIXTURE.squadcast.refreshToken,
      ...(await serviceKeysAndWebhookSecrets(sandbox)),
    ];
    expect(secrets.length).toBeGreaterThan(2 + 12);
    for (const secret of secrets) expect(comment).not.toContain(secret);
  });
});

/** Every webhook's signing secret, `Authorization` header and the service key in its delivery URL. */
async function serviceKeysAndWebhookSecrets(sandbox: Sandbox): Promise<string[]> {
  const values: string[] = [];
  for (const app of FLEET_APPS) {
    for (const webhook of await sandbox.admin.herokuWebhooks(app)) {
      values.push(webhook.secret, webhook.url.split("/").pop() as string);
      if (webhook.authorization !== null) values.push(webhook.authorization);
    }
  }
  return values.filter((value) => value.length >= 8);
}

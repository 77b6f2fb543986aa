import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { runCli, type CliIo } from "../../src/cli";
import type { DiscoveryPlan } from "../../src/discover";
import { openCliStack, type CliStack } from "../../src/engine/cli-stack";
import type { RequestLogEntry } from "heroku-squadcast-sandbox";
import { seedEstate, type Estate } from "../support/estate";
import { useSandboxStacks } from "../support/use-sandbox-stack";
import { freshProject } from "./harness/projects";

// The whole path of bringing an estate wired by hand under code: 40 apps, 25 of them wired through the
// Heroku API as the guide does it (2 twice to the same service, 3 also to a service deleted since, 2
// also to another receiver), 15 with nothing. `discover` writes the program into a fresh project, which
// must type-check and whose first `pulumi up`, run by the pulumi CLI on the Node.js language host as a
// user runs it, adopts every webhook without creating one.

const repositoryRoot = path.resolve(__dirname, "../..");
const WEBHOOK_POST = /^\/apps\/[^/]+\/webhooks$/;

const webhookPosts = (entries: readonly RequestLogEntry[]) =>
  entries.filter(
    (entry) => entry.api === "heroku" && entry.method === "POST" && WEBHOOK_POST.test(entry.path),
  );

describe("discover an estate wired by hand, then adopt it with pulumi up", () => {
  const { sandbox, disposeAfter, temporaryDirectory } = useSandboxStacks();
  let estate: Estate;
  let project: string;
  let stack: CliStack;
  let plan: DiscoveryPlan;
  let stderr = "";
  let stdout = "";

  beforeAll(async () => {
    estate = await seedEstate(sandbox, { apps: 40, wired: 25, duplicated: 2, stale: 3, otherReceivers: 2 });
    project = freshProject(temporaryDirectory("discover-project-"));
    const io: CliIo = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: { ...sandbox.env },
    };
    const programFile = path.join(project, "index.ts");
    // Only the estate's apps: the sandbox's fixture app is no part of it.
    const apps = estate.apps.flatMap((app) => ["--app", app]);
    expect(await runCli(["discover", "--output", programFile, "--json", ...apps], io)).toBe(0);
    plan = JSON.parse(stdout) as DiscoveryPlan;
    stack = disposeAfter(await openCliStack({ projectDir: project, env: sandbox.env }));
  });

  test("the report lists exactly the 15 unmonitored apps, the 3 stale webhooks and the 2 duplicated apps", () => {
    expect(plan.counts).toEqual({ apps: 40, adopted: 25 });
    expect(plan.unmonitored).toEqual(estate.unmonitored);
    expect(plan.unmonitored).toHaveLength(15);
    expect(plan.stale.map((note) => note.app)).toEqual(estate.stale);
    expect(plan.stale).toHaveLength(3);
    expect(plan.duplicates.map((note) => note.app)).toEqual(estate.duplicated);
    expect(plan.duplicates).toHaveLength(2);
    expect(plan.otherReceivers.map((note) => note.app)).toEqual(estate.otherReceivers);
    expect(stderr).toContain("not monitored: no webhook to a Squadcast service (15):");
    expect(stderr).toContain("stale: webhook to a key no service has, left in place (3):");
    expect(stderr).toContain("duplicates: more than one webhook to Squadcast (2):");
    for (const app of estate.unmonitored) expect(stderr).toContain(`    ${app}\n`);
  });

  test("no key, token or secret is in the program, the report or the --json output", () => {
    const program = fs.readFileSync(path.join(project, "index.ts"), "utf8");
    for (const secret of estate.secrets) {
      expect(program).not.toContain(secret);
      expect(stderr).not.toContain(secret);
      expect(stdout).not.toContain(secret);
    }
  });

  test("the written program type-checks with tsc --noEmit against the package's public types", () => {
    const tsc = path.join(repositoryRoot, "node_modules/.bin/tsc");
    expect(() => execFileSync(tsc, ["--noEmit", "-p", project], { encoding: "utf8" })).not.toThrow();
  });

  test("pulumi preview plans the fleet: 3 alert sources and 25 webhooks", async () => {
    const preview = await stack.succeed(["preview"]);
    // The stack, the fleet, 3 alert sources, 25 webhooks.
    expect(preview.stdout).toMatch(/\+ 30 to create/);
  });

  test("pulumi up adopts all 25 webhooks: no webhook POST, no PATCH, no duplicate made, and the duplicated copies removed", async () => {
    const before = new Map<string, number>();
    for (const app of estate.apps) before.set(app, (await sandbox.admin.herokuWebhooks(app)).length);
    await sandbox.admin.clearRequests();

    const up = await stack.succeed(["up", "--yes"]);

    expect(up.stdout).toMatch(/\+ 30 created/);
    for (const secret of estate.secrets) expect(up.stdout + up.stderr).not.toContain(secret);
    const requests = await sandbox.admin.requests();
    expect(webhookPosts(requests)).toEqual([]);
    expect(requests.filter((entry) => entry.api === "heroku" && entry.method === "PATCH")).toEqual([]);
    // Nothing is made; the one copy on each duplicated app (same URL, so every event paged twice) is
    // deleted by the up, which says so.
    for (const app of estate.apps) {
      const expected = before.get(app)! - (estate.duplicated.includes(app) ? 1 : 0);
      expect([app, (await sandbox.admin.herokuWebhooks(app)).length]).toEqual([app, expected]);
    }
    for (const app of estate.duplicated) {
      expect(up.stdout + up.stderr).toMatch(
        new RegExp(`app ${app}: deleted 1 other webhook\\(s\\) with the same URL`),
      );
    }
    const outputs = await stack.succeed(["stack", "output", "--json"]);
    const adopted = (JSON.parse(outputs.stdout) as { webhooks: Record<string, string> }).webhooks;
    for (const route of plan.routes) {
      for (const app of route.apps) expect(adopted[app.app]).toBe(app.webhookId);
    }
  });

  test("a second pulumi preview makes no API request", async () => {
    await sandbox.admin.clearRequests();
    const preview = await stack.succeed(["preview"]);
    expect(preview.stdout).toMatch(/30 unchanged/);
    expect(preview.stdout).not.toMatch(/to create|to update|to delete|to replace/);
    expect(await sandbox.admin.requests()).toEqual([]);
  });

  test("apps the user adds to the program get a webhook each, and only they", async () => {
    const added = estate.unmonitored.slice(0, 2);
    const file = path.join(project, "index.ts");
    const program = fs.readFileSync(file, "utf8");
    // As a user would: two unmonitored apps pasted into the first route.
    fs.writeFileSync(
      file,
      program.replace(
        "      apps: [\n",
        `      apps: [\n${added.map((app) => `        "${app}",\n`).join("")}`,
      ),
    );
    await sandbox.admin.clearRequests();

    const up = await stack.succeed(["up", "--yes"]);

    expect(up.stdout).toMatch(/\+ 2 created/);
    expect(up.stdout).toMatch(/30 unchanged/);
    const posts = webhookPosts(await sandbox.admin.requests());
    expect(posts.map((entry) => entry.path).sort()).toEqual(
      added.map((app) => `/apps/${app}/webhooks`).sort(),
    );
    for (const app of added) expect(await sandbox.admin.herokuWebhooks(app)).toHaveLength(1);
  });
});

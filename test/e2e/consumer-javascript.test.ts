import { spawn } from "node:child_process";
import * as path from "node:path";
import {
  ConsumerProject,
  OLDEST_PULUMI,
  SANDBOX_PACKAGE,
  childEnv,
  expectPortableState,
  packPackage,
  run,
  type Outputs,
} from "./consumer/harness";
import { useSandboxStacks } from "../support/use-sandbox-stack";

// A plain JavaScript Pulumi project that installs the packed package next to the oldest @pulumi/pulumi
// the peer range admits, with the sandbox package's tarball beside it, uses both packages' bins, and previews, deploys and destroys against the sandbox.

describe(`a JavaScript project using the packed package on @pulumi/pulumi ${OLDEST_PULUMI}`, () => {
  const { sandbox, temporaryDirectory } = useSandboxStacks();
  let project: ConsumerProject;

  beforeAll(async () => {
    const work = temporaryDirectory();
    const [library, sandboxPackage] = await Promise.all([
      packPackage(work),
      packPackage(work, SANDBOX_PACKAGE),
    ]);
    project = new ConsumerProject("javascript", work);
    await project.install([library.tarball, sandboxPackage.tarball], [`@pulumi/pulumi@${OLDEST_PULUMI}`]);
    await sandbox.admin.createHerokuApp("orders-app");
    await sandbox.admin.createSquadcastService("orders", "Default Team");
  }, 240_000);

  test("the library's and the sandbox package's bins are installed, executable and run", async () => {
    const bin = path.join(project.dir, "node_modules/.bin");
    expect(await run(path.join(bin, "heroku-squadcast"), ["--help"], project.dir)).toContain(
      "usage: heroku-squadcast",
    );

    const child = spawn(path.join(bin, "heroku-squadcast-sandbox"), ["--port", "0"], {
      cwd: project.dir,
      env: childEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes("\n")) resolve(output.slice(0, output.indexOf("\n")));
        });
        child.on("error", reject);
        child.on("exit", (code) =>
          reject(new Error(`heroku-squadcast-sandbox exited with ${code}: ${output}`)),
        );
      });
      const urls = JSON.parse(firstLine) as Record<string, string>;
      expect(urls.heroku).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(urls.squadcast).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      child.kill("SIGTERM");
    }
  });

  test("preview, up and destroy", async () => {
    const preview = await project.succeed(sandbox, { operation: "preview" });
    expect(preview.changeSummary).toEqual({ create: 4 });

    const up = await project.succeed(sandbox, { operation: "up" });
    expect(up.resourceChanges).toEqual({ create: 4 });
    const outputs = up.outputs as Outputs;
    const [webhook] = await sandbox.admin.herokuWebhooks("orders-app");
    expect(outputs.webhookId.value).toBe(webhook.id);
    expect(outputs.entities.value).toEqual({ "api:build": true, dyno: true });
    expect(outputs.webhookUrl).toEqual({ value: webhook.url, secret: true });

    const state = project.readState();
    expectPortableState(state, project);
    expect(state).not.toContain(webhook.url);

    const destroy = await project.succeed(sandbox, { operation: "destroy" });
    expect(destroy.resourceChanges).toEqual({ delete: 4 });
    expect(await sandbox.admin.herokuWebhooks("orders-app")).toEqual([]);
  });
});

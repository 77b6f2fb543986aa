import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { startSandbox, type Sandbox } from "heroku-squadcast-sandbox";
import { FLEET_APPS } from "../../../examples/fleet/program";
import { createFleetEstate } from "../harness/fleet-example";
import { packPackage, temporaryDirectory } from "../consumer/harness";
import { installExample, type ExampleProject } from "../harness/example-project";

// `pulumi up` of the fleet example (12 apps, 2 services) killed with SIGKILL right after Heroku answered
// its first webhook POST, as a CI runner that is stopped mid-job kills it. Then what docs/reliability.md
// ("Interrupted runs") tells a user to run with a file backend: `pulumi cancel` (the lock the killed run
// left), `pulumi refresh --clear-pending-creates`, then `pulumi up`. Afterwards every app has exactly one webhook, to its service, the stack holds each
// one, and no pending operation is left.

const POST_WEBHOOK = /^\/apps\/[^/]+\/webhooks$/;

describe("pulumi up killed after the first webhook is made", () => {
  let work: string;
  let sandbox: Sandbox;
  let project: ExampleProject;
  /** Processes the killed CLI left running (its language host and provider), ended after the test. */
  const orphans: number[] = [];

  beforeAll(async () => {
    work = temporaryDirectory();
    const { tarball } = await packPackage(work);
    sandbox = await startSandbox({ port: 0 });
    await createFleetEstate(sandbox);
    project = await installExample("fleet", work, tarball, sandbox);
  }, 600_000);
  afterAll(async () => {
    for (const pid of orphans) killQuietly(pid);
    await project?.dispose();
    await sandbox?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test("the documented recovery leaves one webhook per app and no pending operation", async () => {
    // Slow creations, so that the kill lands while most are still to come or in flight.
    await sandbox.admin.addFault({
      target: "heroku",
      method: "POST",
      pathPattern: "/webhooks$",
      latencyMs: 1500,
    });
    await sandbox.admin.clearRequests();

    const running = project.stack.start(["up", "--yes", "--skip-preview"]);
    await waitFor(async () => (await webhookPosts()).some((entry) => entry.status === 201), 240_000);
    orphans.push(...descendantsOf(running.pid));
    process.kill(running.pid, "SIGKILL");
    const killed = await running.result;
    expect(killed.code).toBe(-1);
    const madeBeforeKill = (await webhookPosts()).length;
    expect(madeBeforeKill).toBeLessThan(FLEET_APPS.length);

    // What the orphaned provider still had in flight lands; then the state shows pending creates.
    await sandbox.admin.clearFaults();
    await settled();
    expect(pendingOperations()).not.toEqual([]);

    // What docs/reliability.md says to run. The file backend's lock of the killed run stays: only
    // `pulumi cancel` removes it (every other command refuses to run, naming it).
    const locked = await project.stack.pulumi([
      "refresh",
      "--clear-pending-creates",
      "--yes",
      "--skip-preview",
    ]);
    expect(locked.code).not.toBe(0);
    expect(locked.stderr).toContain("pulumi cancel");
    await project.stack.succeed(["cancel", "--yes"]);
    const refresh = await project.stack.succeed([
      "refresh",
      "--clear-pending-creates",
      "--yes",
      "--skip-preview",
    ]);
    expect(pendingOperations()).toEqual([]);
    const up = await project.stack.succeed(["up", "--yes", "--skip-preview"]);
    const printed = `${refresh.stdout}${refresh.stderr}${up.stdout}${up.stderr}`;
    expect(printed).not.toMatch(/pending operation/i);

    const services = new Map((await sandbox.admin.squadcastServices()).map((s) => [s.name, s.api_key]));
    const outputs = JSON.parse((await project.stack.succeed(["stack", "output", "--json"])).stdout) as {
      webhooks: Record<string, string>;
    };
    for (const app of FLEET_APPS) {
      const webhooks = await sandbox.admin.herokuWebhooks(app);
      expect({ app, count: webhooks.length }).toEqual({ app, count: 1 });
      expect([...services.values()].some((key) => webhooks[0]!.url.endsWith(`/${key}`))).toBe(true);
      expect(outputs.webhooks[app]).toBe(webhooks[0]!.id);
    }
    expect(pendingOperations()).toEqual([]);
    const preview = await project.stack.succeed(["preview", "--expect-no-changes"]);
    expect(`${preview.stdout}${preview.stderr}`).not.toMatch(/pending operation/i);
  }, 900_000);

  async function webhookPosts() {
    return (await sandbox.admin.requests()).filter(
      (entry) => entry.api === "heroku" && entry.method === "POST" && POST_WEBHOOK.test(entry.path),
    );
  }

  /** Waits until the sandbox has had no request for 3 s: the orphaned provider is done. */
  async function settled(): Promise<void> {
    let last = -1;
    for (;;) {
      const count = (await sandbox.admin.requests()).length;
      if (count === last) return;
      last = count;
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
  }

  function pendingOperations(): unknown[] {
    const checkpoint = JSON.parse(project.stack.readStateFile()) as {
      checkpoint?: { latest?: { pending_operations?: unknown[] } };
    };
    return checkpoint.checkpoint?.latest?.pending_operations ?? [];
  }
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every process below `pid`, by parent id, as `ps` lists them now. */
function descendantsOf(pid: number): number[] {
  const table = execFileSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, ppid] of table) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

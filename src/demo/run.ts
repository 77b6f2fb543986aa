import { randomUUID } from "node:crypto";
import { startSandbox, type Sandbox } from "heroku-squadcast-sandbox";
import { DemoReport } from "./report";
import { openDemoStack } from "./stacks";

/**
 * The one-command demo: the whole path from a Heroku app to Squadcast incidents, on the local sandbox,
 * with the real Pulumi engine and a file backend in a temporary directory (no account, no login).
 * Returns whether every check passed.
 */
export async function runDemo(report = new DemoReport()): Promise<boolean> {
  report.step("Starting the sandbox of the Heroku, Squadcast and Sentry APIs");
  const sandbox = await startSandbox({ port: 0 });
  report.line(
    `Heroku ${sandbox.urls.heroku}  Squadcast ${sandbox.urls.squadcast}  admin ${sandbox.urls.admin}`,
  );
  try {
    return await demonstrate(sandbox, report);
  } finally {
    await sandbox.stop();
  }
}

async function demonstrate(sandbox: Sandbox, report: DemoReport): Promise<boolean> {
  const stack = await openDemoStack(sandbox);
  report.line(`The engine: ${stack.description}`);
  try {
    const sourcesBefore = await activeSourceNames(sandbox);

    const dedupBefore = await dedupOf(sandbox);
    report.step(
      "pulumi up: the Heroku alert source on demo-service with deduplication, and demo-app's webhook feeding it",
    );
    const up = await stack.up();
    report.line(`changes: ${up.changes}`);
    for (const [name, value] of Object.entries(up.outputs)) report.line(`${name}: ${value}`);
    const webhooks = await sandbox.admin.herokuWebhooks("demo-app");
    report.check(
      webhooks.length === 1,
      `demo-app has one webhook, delivering ${webhooks[0]?.include.length} entities`,
    );

    report.step("Heroku events → Squadcast incidents");
    await simulate(sandbox, report, "build", { status: "failed" }, "a build fails");
    await simulate(sandbox, report, "build", { status: "failed" }, "the next build fails too");
    const streak = await sandbox.admin.incidents("demo-service");
    report.check(
      streak.length === 1 && streak[0].events === 2 && streak[0].status === "triggered",
      "the two failed builds are one incident (deduplicated by its key), still open",
    );
    await simulate(sandbox, report, "build", { status: "succeeded" }, "the next build succeeds");
    await simulate(sandbox, report, "dyno", { name: "web.1", state: "crashed" }, "dyno web.1 crashes");
    await simulate(sandbox, report, "dyno", { name: "web.1", state: "up" }, "dyno web.1 is up again");
    const incidents = await sandbox.admin.incidents("demo-service");
    for (const incident of incidents) {
      report.line(
        `${incident.status.padEnd(9)} ${incident.summary}, ${incident.events} alerts  (key ${incident.overlayKey ?? incident.dedupKey})`,
      );
    }
    report.check(
      incidents.length === 2 && incidents.every((incident) => incident.status === "resolved"),
      "the failed build and the crashed dyno each opened an incident, and each resolved itself",
    );

    report.step('pulumi preview after changing the entities to "resolvable"');
    const preview = await stack.previewEntities("resolvable");
    report.block(preview.text);
    report.check(preview.oneUpdate, "exactly one in-place update: the webhook's entity set");

    report.step("pulumi destroy");
    const destroy = await stack.destroy();
    report.line(`changes: ${destroy.changes}`);
    report.check(
      (await sandbox.admin.herokuWebhooks("demo-app")).length === 0,
      "demo-app has no webhook left",
    );
    const dedupAfter = await dedupOf(sandbox);
    report.check(
      JSON.stringify(dedupAfter) === JSON.stringify(dedupBefore),
      `demo-service's deduplication is as before the stack: ${dedupAfter}`,
    );
    const sourcesAfter = await activeSourceNames(sandbox);
    report.check(
      JSON.stringify(sourcesAfter) === JSON.stringify(sourcesBefore),
      `demo-service keeps exactly the alert sources it had before: ${sourcesAfter.join(", ") || "none"}`,
    );
  } finally {
    await stack.dispose();
  }
  report.step(report.succeeded ? "Demo finished: every check passed" : "Demo finished with failed checks");
  return report.succeeded;
}

/** The service's Heroku dedup-key overlay and switch, in words. */
async function dedupOf(sandbox: Sandbox): Promise<string> {
  const service = (await sandbox.admin.squadcastServices()).find((each) => each.name === "demo-service");
  const overlay = await sandbox.admin.dedupKeyOverlay("demo-service");
  const enabled = service?.config.dedup_key_enabled ? "on" : "off";
  return `dedup_key_enabled ${enabled}, ${overlay ? "an overlay" : "no overlay"}`;
}

async function activeSourceNames(sandbox: Sandbox): Promise<string[]> {
  const sources = await sandbox.admin.activeAlertSources("demo-service");
  return sources.map((source) => source.type).sort();
}

async function simulate(
  sandbox: Sandbox,
  report: DemoReport,
  resource: "build" | "dyno",
  data: Record<string, unknown>,
  description: string,
): Promise<void> {
  const result = await sandbox.admin.simulateHerokuEvent("demo-app", {
    resource,
    action: "update",
    data: { id: randomUUID(), app: { name: "demo-app" }, ...data },
  });
  const delivered = result.deliveries.filter((delivery) => delivery.status === "succeeded").length;
  report.line(`${description}: Heroku delivered ${delivered} webhook${delivered === 1 ? "" : "s"}`);
}

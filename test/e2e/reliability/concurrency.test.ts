import type { LocalStack } from "../../../src/engine/local-stack";
import { ALERT_SOURCE_CATALOG, SANDBOX_FIXTURE, type Sandbox } from "heroku-squadcast-sandbox";
import { AlertSource } from "../../../src/squadcast/alert-source";
import { useSandboxStacks } from "../../support/use-sandbox-stack";
import { runAlertSourceWorker } from "../harness/alert-source-worker";
import { requestFigures, tryDestroy, tryUp } from "../harness/reliability";

const idOf = (shortName: string) => {
  const found = ALERT_SOURCE_CATALOG.find((source) => source.shortName === shortName);
  if (!found) throw new Error(`no ${shortName} in the sandbox catalog`);
  return found._id;
};

async function activeShortNames(sandbox: Sandbox, service: string): Promise<string[]> {
  return (await sandbox.admin.activeAlertSources(service)).map((source) => source.shortName).sort();
}

describe("concurrent writers of one service's alert-source list", () => {
  const { sandbox } = useSandboxStacks();
  let serviceId: string;

  beforeAll(async () => {
    const services = await sandbox.admin.squadcastServices();
    serviceId = services.find((service) => service.name === SANDBOX_FIXTURE.squadcast.serviceName)!.id;
  });

  test("4 processes adding and removing their own alert source never drop another's", async () => {
    // Slow writes widen the window between a writer's read and its write, where the others interleave.
    await sandbox.admin.addFault({ target: "squadcast", method: "PUT", latencyMs: 40 });
    const workers = [
      { shortName: "heroku", endActive: true },
      { shortName: "api", endActive: false },
      { shortName: "email", endActive: true },
      { shortName: "sentry", endActive: false },
    ];
    const results = await Promise.all(
      workers.map((worker) =>
        runAlertSourceWorker({
          apiUrl: sandbox.urls.squadcast,
          authUrl: sandbox.urls.squadcastAuth,
          refreshToken: SANDBOX_FIXTURE.squadcast.refreshToken,
          serviceId,
          alertSourceId: idOf(worker.shortName),
          rounds: 5,
          endActive: worker.endActive,
        }),
      ),
    );
    await sandbox.admin.clearFaults();

    const log = await sandbox.admin.requests();
    const figures = requestFigures(log);
    const writes = log.filter((entry) => entry.method === "PUT").length;
    console.log(
      `concurrency e2e (4 processes): ${figures.requests} requests, ${writes} list writes, ` +
        `${figures.faults} delayed by a fault, ${figures.retries} retries`,
    );
    for (const result of results) expect(result.alreadyActive).toBe(0);
    expect(await activeShortNames(sandbox, "demo-service")).toEqual(["datadog", "email", "heroku"]);
  });
});

describe("stacks with alert sources of different types on one service, run at the same time", () => {
  const { sandbox, openStack } = useSandboxStacks();
  const stacks: LocalStack[] = [];
  const shortNames = ["heroku", "api", "sentry", "email"];

  beforeAll(async () => {
    for (const shortName of shortNames) {
      stacks.push(
        await openStack({
          projectName: `reliability-concurrent-${shortName}`,
          program: async () => {
            const source = new AlertSource("source", {
              service: { name: "demo-service", team: "Default Team" },
              shortName,
            });
            return { added: source.addedByThisResource };
          },
        }),
      );
    }
  });

  test("3 concurrent ups add all three and keep the pre-existing Datadog source", async () => {
    await sandbox.admin.addFault({ target: "squadcast", method: "PUT", latencyMs: 40 });
    const outcomes = await Promise.all(stacks.slice(0, 3).map((local) => tryUp(local.stack)));
    await sandbox.admin.clearFaults();
    for (const outcome of outcomes) expect(outcome.error).toBeUndefined();
    expect(await activeShortNames(sandbox, "demo-service")).toEqual(["api", "datadog", "heroku", "sentry"]);
  });

  test("2 stacks destroyed while a fourth is created keep the others' sources and Datadog", async () => {
    await sandbox.admin.addFault({ target: "squadcast", method: "PUT", latencyMs: 40 });
    const outcomes = await Promise.all([
      tryDestroy(stacks[0].stack),
      tryDestroy(stacks[1].stack),
      tryUp(stacks[3].stack),
    ]);
    await sandbox.admin.clearFaults();
    for (const outcome of outcomes) expect(outcome.error).toBeUndefined();
    expect(await activeShortNames(sandbox, "demo-service")).toEqual(["datadog", "email", "sentry"]);
  });
});

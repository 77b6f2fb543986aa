import { runCli, type CliIo } from "../../../src/cli";
import { formatFindings } from "../../../src/cli/discover";
import type { DiscoveryPlan } from "../../../src/discover";

const PLAN: DiscoveryPlan = {
  fleetName: "estate",
  defaults: { entities: "all", level: "notify" },
  routes: [
    {
      service: { name: "shop-service", team: "Default Team" },
      serviceName: "shop-service",
      apps: [{ app: "by-hand", webhookId: "w-hand" }],
    },
  ],
  unmonitored: [],
  stale: [],
  duplicates: [],
  otherReceivers: [],
  skipped: [],
  managedByStack: {},
  withoutDeduplication: [],
  counts: { apps: 3, adopted: 1 },
};

describe("formatFindings and the stacks that manage webhooks", () => {
  test.each([
    {
      name: "no stack named: discover says it cannot tell, and names the flag",
      managedByStack: {},
      present: [
        "heroku-squadcast discover: 3 apps read; 1 adopt their webhook in 1 route\n",
        "  discover cannot tell whether another Pulumi stack already manages one of these webhooks: pass " +
          "--managed-by-stack <stack> for each stack that may",
      ],
      absent: ["managed by stack", "left out"],
    },
    {
      name: "a named stack's apps are listed under their own heading, with the evidence",
      managedByStack: {
        fleet: [
          { app: "fleet-api", webhookIds: ["w-1", "w-2"], matchedBy: "webhook id" },
          { app: "fleet-web", webhookIds: ["w-3"], matchedBy: "app" },
        ],
      },
      present: [
        "1 adopt their webhook in 1 route; 2 left out, managed by another stack\n",
        "  managed by stack fleet: left out of the program (2):\n" +
          "    fleet-api: webhook w-1, w-2 (the stack names the webhook)\n" +
          "    fleet-web: webhook w-3 (the stack names the app)\n",
        "  discover cannot tell whether a stack other than fleet manages one of these webhooks",
      ],
      absent: ["pass --managed-by-stack"],
    },
    {
      name: "each stack has its heading, one that names no scanned app too; an app two stacks name counts once",
      managedByStack: {
        fleet: [{ app: "fleet-web", webhookIds: [], matchedBy: "app" }],
        billing: [],
        again: [{ app: "fleet-web", webhookIds: [], matchedBy: "app" }],
      },
      present: [
        "; 1 left out, managed by another stack\n",
        "  managed by stack fleet: left out of the program (1):\n" +
          "    fleet-web: no webhook to Squadcast left (the stack names the app): that stack's pulumi up --refresh makes it again\n",
        "  managed by stack billing: left out of the program (0)\n",
        "  managed by stack again: left out of the program (1):\n",
        "a stack other than fleet, billing, again manages",
      ],
      absent: [],
    },
  ])("$name", ({ managedByStack, present, absent }) => {
    const text = formatFindings(
      { ...PLAN, managedByStack: managedByStack as DiscoveryPlan["managedByStack"] },
      undefined,
    );
    for (const line of present) expect(text).toContain(line);
    for (const line of absent) expect(text).not.toContain(line);
  });
});

describe("discover --managed-by-stack, before any request", () => {
  // Endpoints under the reserved .invalid domain: a scan that started anyway could reach nothing.
  const ENV = {
    HEROKU_API_KEY: "key",
    SQUADCAST_REFRESH_TOKEN: "token",
    HEROKU_API_URL: "https://heroku.invalid",
    SQUADCAST_API_URL: "https://squadcast.invalid",
    SQUADCAST_AUTH_URL: "https://auth.squadcast.invalid",
  };

  test.each([
    {
      name: "a stack that exports no app cannot say what it manages: exit 2, naming what to export",
      pulumi: async () => JSON.stringify({ serviceIds: { "Default Team/shop": "svc" } }),
      message:
        "stack fleet exports no fleet apps and no app, so discover cannot tell which webhooks it manages",
    },
    {
      name: "a stack Pulumi cannot read: exit 2 with Pulumi's reason",
      pulumi: async () => "not json",
      message: "pulumi stack output for stack fleet did not print JSON",
    },
  ])("$name", async ({ pulumi, message }) => {
    let stderr = "";
    const calls: (readonly string[])[] = [];
    const io: CliIo = {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
      env: ENV,
      runPulumi: async (args) => {
        calls.push(args);
        return pulumi();
      },
    };
    expect(await runCli(["discover", "--managed-by-stack", "fleet"], io)).toBe(2);
    expect(stderr).toContain(message);
    expect(calls).toEqual([["stack", "output", "--json", "--show-secrets", "--stack", "fleet"]]);
  });
});

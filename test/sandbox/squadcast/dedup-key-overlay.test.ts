import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { ProviderContext } from "../../../src/resource-kit/context";
import { DEFAULT_DEDUP_WINDOW_MINUTES, HEROKU_DEDUP_KEY_TEMPLATE } from "../../../src/mapping";
import {
  DedupKeyOverlayProvider,
  type DedupKeyOverlayInputs,
  type DedupKeyOverlayState,
} from "../../../src/squadcast/dedup-key-overlay";
import { checkFailures, checkThenCreate } from "../../support/check-then-create";
import { failureOf } from "../../support/failure-of";
import { useSandbox } from "../../support/use-sandbox";

const FIXTURE = SANDBOX_FIXTURE.squadcast;
const BY_NAME = { serviceName: FIXTURE.serviceName, team: FIXTURE.teamName };
const OTHER_TEMPLATE = "{{.data.app.name}}";

const sandbox = useSandbox();
let provider: DedupKeyOverlayProvider;
let told: string[];

beforeEach(() => {
  told = [];
  provider = new DedupKeyOverlayProvider(new ProviderContext(sandbox.env, (line) => told.push(line)));
});

const create = (args: Record<string, unknown>) =>
  checkThenCreate<DedupKeyOverlayInputs, DedupKeyOverlayState>(provider, args);

/** The service's overlay and switch, as the sandbox holds them. */
async function serviceDedup() {
  const [service] = await sandbox.admin.squadcastServices();
  const overlay = await sandbox.admin.dedupKeyOverlay(service.id);
  return {
    enabled: service.config.dedup_key_enabled,
    overlay: overlay && { template: overlay.overlay.template, duration: overlay.overlay.duration },
  };
}

describe("squadcast.DedupKeyOverlay", () => {
  it("creates the overlay with the mapping's template and default window, turns dedup on; destroy undoes both", async () => {
    const { id, outs } = await create(BY_NAME);
    expect(outs).toEqual(
      expect.objectContaining({
        origin: "created",
        template: HEROKU_DEDUP_KEY_TEMPLATE,
        windowMinutes: DEFAULT_DEDUP_WINDOW_MINUTES,
        previousDedupKeyEnabled: false,
      }),
    );
    expect(await serviceDedup()).toEqual({
      enabled: true,
      overlay: { template: HEROKU_DEDUP_KEY_TEMPLATE, duration: DEFAULT_DEDUP_WINDOW_MINUTES },
    });
    await provider.delete(id, outs);
    expect(await serviceDedup()).toEqual({ enabled: false, overlay: null });
  });

  it("adopts an equal overlay and leaves it, and the service's switch, as they were on destroy", async () => {
    const [service] = await sandbox.admin.squadcastServices();
    await sandbox.admin.setDedupKeyOverlay(service.id, HEROKU_DEDUP_KEY_TEMPLATE, 60);
    await sandbox.admin.setDeduplication(service.id, true);
    const before = await serviceDedup();
    const { id, outs } = await create({ ...BY_NAME, windowMinutes: 60 });
    expect(outs.origin).toBe("adopted");
    expect(told.join("\n")).toContain("adopted; destroy leaves it");
    await provider.delete(id, outs);
    expect(await serviceDedup()).toEqual(before);
  });

  it.each([
    ["another template", OTHER_TEMPLATE, DEFAULT_DEDUP_WINDOW_MINUTES, "another template"],
    ["the same template with another window", HEROKU_DEDUP_KEY_TEMPLATE, 30, "a window of 30 minutes"],
  ])(
    "refuses at check when the service has %s, and changes nothing",
    async (_name, template, minutes, what) => {
      const [service] = await sandbox.admin.squadcastServices();
      await sandbox.admin.setDedupKeyOverlay(service.id, template, minutes);
      const before = await serviceDedup();
      await sandbox.admin.clearRequests();
      expect(await checkFailures(provider, BY_NAME)).toEqual([
        `takeOver: Squadcast service ${FIXTURE.serviceName} already has a heroku dedup-key overlay with ${what} ` +
          "(another owner's): set takeOver: true to replace it (destroy puts it back), or turn deduplicate off " +
          "to leave the service's deduplication to its owner",
      ]);
      // create refuses too (a check whose service was not known at preview): one message, nothing written.
      const error = await failureOf(
        provider.create({
          ...BY_NAME,
          shortName: "heroku",
          template: HEROKU_DEDUP_KEY_TEMPLATE,
          windowMinutes: DEFAULT_DEDUP_WINDOW_MINUTES,
          takeOver: false,
        }),
      );
      expect(error.message).toContain("set takeOver: true");
      const writes = (await sandbox.admin.requests()).filter((request) => request.method !== "GET");
      expect(writes.filter((request) => request.api === "squadcast")).toEqual([]);
      expect(await serviceDedup()).toEqual(before);
    },
  );

  it("takes over with takeOver, and puts the other owner's overlay and switch back on destroy", async () => {
    const [service] = await sandbox.admin.squadcastServices();
    await sandbox.admin.setDedupKeyOverlay(service.id, OTHER_TEMPLATE, 15);
    const before = await serviceDedup();
    const { id, outs } = await create({ ...BY_NAME, takeOver: true });
    expect(outs).toEqual(
      expect.objectContaining({
        origin: "taken-over",
        previousOverlay: { template: OTHER_TEMPLATE, windowMinutes: 15 },
      }),
    );
    expect((await serviceDedup()).overlay).toEqual({ template: HEROKU_DEDUP_KEY_TEMPLATE, duration: 1440 });
    await provider.delete(id, outs);
    expect(await serviceDedup()).toEqual(before);
  });

  it("updates the window in place; read reports a change made outside as drift", async () => {
    const { id, outs } = await create(BY_NAME);
    const news = { ...outs, windowMinutes: 120 };
    expect(await provider.diff(id, outs, news)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: true,
    });
    const updated = await provider.update(id, outs, news);
    expect((await serviceDedup()).overlay).toEqual({ template: HEROKU_DEDUP_KEY_TEMPLATE, duration: 120 });
    await sandbox.admin.setDedupKeyOverlay(outs.serviceId, OTHER_TEMPLATE, 120);
    const read = await provider.read(id, updated.outs as DedupKeyOverlayState);
    expect(read.props?.template).toBe(OTHER_TEMPLATE);
  });

  it("diff of unchanged inputs is no change; a check of an existing resource sends nothing", async () => {
    const { id, outs, inputs } = await create(BY_NAME);
    await sandbox.admin.clearRequests();
    const rechecked = await provider.check(inputs, inputs);
    expect(rechecked.failures).toBeUndefined();
    expect(await provider.diff(id, outs, rechecked.inputs as DedupKeyOverlayInputs)).toEqual(
      expect.objectContaining({ changes: false }),
    );
    expect(await sandbox.admin.requests()).toEqual([]);
  });

  it.each([
    [
      { windowMinutes: 2881 },
      "windowMinutes: windowMinutes must be at most 2880 minutes (48 hours, Squadcast's limit), got 2881",
    ],
    [
      { windowMinutes: 0 },
      "windowMinutes: windowMinutes must be a whole number of minutes from 1 to 2880, got 0",
    ],
    [{ template: " " }, "template: template must not be empty"],
  ])("refuses bad input at check: %p", async (args, line) => {
    expect(await checkFailures(provider, { ...BY_NAME, ...args })).toEqual([line]);
  });
});

import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { SquadcastTokenSource } from "../../../../src/clients/squadcast/auth";
import { SquadcastClient } from "../../../../src/clients/squadcast/client";
import { ALL_ENTITIES, HEROKU_DEDUP_KEY_TEMPLATE, entityInfo, herokuDedupKey } from "../../../../src/mapping";
import { failure } from "../../../support/api-error";
import { useSandbox } from "../../../support/use-sandbox";

const FIXTURE = SANDBOX_FIXTURE.squadcast;
const sandbox = useSandbox();

function squadcast(): SquadcastClient {
  const tokenSource = new SquadcastTokenSource({
    refreshToken: FIXTURE.refreshToken,
    authUrl: sandbox.urls.squadcastAuth,
  });
  return new SquadcastClient({ tokenSource, apiUrl: sandbox.urls.squadcast, baseRetryDelayMs: 10 });
}

async function fixtureServiceId(): Promise<string> {
  const [service] = await sandbox.admin.squadcastServices();
  return service.id;
}

describe("dedup-key overlays through the client", () => {
  it("put, get and delete an overlay; get and delete of a missing one say so", async () => {
    const client = squadcast();
    const serviceId = await fixtureServiceId();
    expect(await client.getDedupKeyOverlay(serviceId, "heroku")).toBeUndefined();
    const put = await client.putDedupKeyOverlay(serviceId, {
      alertSource: "heroku",
      template: HEROKU_DEDUP_KEY_TEMPLATE,
      durationMinutes: 1440,
    });
    expect(put).toEqual(
      expect.objectContaining({
        alertSource: "heroku",
        template: HEROKU_DEDUP_KEY_TEMPLATE,
        durationMinutes: 1440,
      }),
    );
    expect(await client.getDedupKeyOverlay(serviceId, "heroku")).toEqual(put);
    expect(await sandbox.admin.dedupKeyOverlay(serviceId)).toEqual(
      expect.objectContaining({ overlay: { template: HEROKU_DEDUP_KEY_TEMPLATE, duration: 1440 } }),
    );
    expect(await client.deleteDedupKeyOverlay(serviceId, "heroku")).toBe(true);
    expect(await client.deleteDedupKeyOverlay(serviceId, "heroku")).toBe(false);
    expect(await sandbox.admin.dedupKeyOverlay(serviceId)).toBeNull();
  });

  it("a window over 48 hours is the API's 400, as an ApiError", async () => {
    const client = squadcast();
    const serviceId = await fixtureServiceId();
    const error = await failure(
      client.putDedupKeyOverlay(serviceId, { alertSource: "heroku", template: "x", durationMinutes: 2881 }),
    );
    expect(error).toEqual(expect.objectContaining({ api: "Squadcast", status: 400 }));
  });

  it("reads and switches dedup_key_enabled", async () => {
    const client = squadcast();
    const serviceId = await fixtureServiceId();
    expect(await client.getDedupKeyEnabled(serviceId)).toBe(false);
    await client.setDedupKeyEnabled(serviceId, true);
    expect(await client.getDedupKeyEnabled(serviceId)).toBe(true);
    expect((await sandbox.admin.squadcastServices())[0].config.dedup_key_enabled).toBe(true);
    await client.setDedupKeyEnabled(serviceId, false);
    expect(await client.getDedupKeyEnabled(serviceId)).toBe(false);
  });
});

// The library's reading of its template (herokuDedupKey) against the sandbox's own Go-template renderer,
// for an event of every entity of the seed's table.
describe("HEROKU_DEDUP_KEY_TEMPLATE rendered by the sandbox's render endpoint", () => {
  const app = { id: "d2f24bd2-399a-4868-9467-bc0ba2411cc2", name: "checkout-api" };
  const bodies = ALL_ENTITIES.map((entity) => ({
    entity,
    body: {
      action: entity === "api:dyno" ? "create" : "update",
      id: `event-${entity}`,
      resource: entityInfo(entity).resource,
      data:
        entity === "api:app"
          ? { id: app.id, name: app.name }
          : {
              id: `data-${entity}`,
              app,
              name: entity === "api:dyno" ? "run.9359" : "web.1",
              status: "failed",
            },
      webhook_metadata: { event: { id: `event-${entity}`, include: entity } },
    },
  }));

  it.each(bodies)("$entity renders to herokuDedupKey's key", async ({ body }) => {
    const rendered = await squadcast().renderDedupKey(
      await fixtureServiceId(),
      HEROKU_DEDUP_KEY_TEMPLATE,
      body,
    );
    expect(rendered).toBe(herokuDedupKey(body));
  });
});

import { ALERT_SOURCE_CATALOG, SANDBOX_FIXTURE, startSandbox, type Sandbox } from "../src";
import { ingestionUrl, send, squadcast, squadcastToken } from "../src/testing";

let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox({ tokenLifetimeSeconds: 3600 });
});
afterAll(() => sandbox.stop());
beforeEach(async () => {
  await sandbox.admin.reset();
  token = await squadcastToken(sandbox);
});

const sourceId = (shortName: string) =>
  ALERT_SOURCE_CATALOG.find((source) => source.shortName === shortName)!._id;

describe("Squadcast auth", () => {
  it("exchanges the refresh token on the auth host and on the API host's /v3 alias", async () => {
    const before = Math.floor(Date.now() / 1000);
    for (const url of [
      `${sandbox.urls.squadcastAuth}/oauth/access-token`,
      `${sandbox.urls.squadcast}/v3/oauth/access-token`,
    ]) {
      const response = await send("GET", url, {
        headers: { "x-refresh-token": SANDBOX_FIXTURE.squadcast.refreshToken },
      });
      expect(response.status).toBe(200);
      const { data } = response.json as { data: Record<string, unknown> };
      expect(data).toMatchObject({ type: "bearer", refresh_token: SANDBOX_FIXTURE.squadcast.refreshToken });
      expect(data.issued_at).toBeGreaterThanOrEqual(before);
      expect((data.expires_at as number) - (data.issued_at as number)).toBe(3600);
    }
  });

  it("answers 401 in the meta envelope for an unknown refresh token or a bad access token", async () => {
    const refused = await send("GET", `${sandbox.urls.squadcastAuth}/oauth/access-token`, {
      headers: { "x-refresh-token": "wrong" },
    });
    expect(refused.status).toBe(401);
    expect(refused.json).toEqual({ meta: { status: 401, error_message: expect.any(String) } });
    for (const authorization of ["Bearer wrong", "", `Basic ${token}`]) {
      const response = await send("GET", `${sandbox.urls.squadcast}/v3/teams`, {
        headers: { authorization },
      });
      expect(response.status).toBe(401);
      expect(response.json).toMatchObject({ meta: { status: 401 } });
    }
  });

  it("refuses tokens expired through the admin API until a new one is exchanged", async () => {
    expect((await squadcast(sandbox, token, "GET", "/v3/teams")).status).toBe(200);
    expect(await sandbox.admin.expireSquadcastTokens()).toBeGreaterThan(0);
    const expired = await squadcast(sandbox, token, "GET", "/v3/teams");
    expect(expired.status).toBe(401);
    expect((expired.json as { meta: { error_message: string } }).meta.error_message).toMatch(/expired/);
    expect((await squadcast(sandbox, await squadcastToken(sandbox), "GET", "/v3/teams")).status).toBe(200);
  });
});

describe("teams and services", () => {
  it("finds the fixture team and service by name and id", async () => {
    const teams = (await squadcast(sandbox, token, "GET", "/v3/teams")).json as {
      data: { id: string; name: string }[];
    };
    expect(teams.data.map((team) => team.name)).toEqual(["Default Team"]);
    const team = (await squadcast(sandbox, token, "GET", "/v3/teams/by-name?name=Default%20Team")).json as {
      data: { id: string };
    };
    expect(team.data.id).toMatch(/^[0-9a-f]{24}$/);
    expect((await squadcast(sandbox, token, "GET", `/v3/teams/${team.data.id}`)).status).toBe(200);

    const listed = await squadcast(sandbox, token, "GET", `/v3/services?owner_id=${team.data.id}`);
    const [service] = (listed.json as { data: Record<string, unknown>[] }).data;
    expect(service).toMatchObject({
      name: "demo-service",
      owner: { id: team.data.id, type: "team" },
      email: "demo-service@sandbox.incidents.squadcast.com",
    });
    expect(service.id).toMatch(/^[0-9a-f]{24}$/);
    expect(service.api_key).toMatch(/^[0-9a-f]{40}$/);
    const byName = await squadcast(
      sandbox,
      token,
      "GET",
      `/v3/services/by-name?name=demo-service&owner_id=${team.data.id}`,
    );
    expect((byName.json as { data: unknown }).data).toEqual(service);
    expect(
      ((await squadcast(sandbox, token, "GET", `/v3/services/${service.id}`)).json as { data: unknown }).data,
    ).toEqual(service);
    const organization = await squadcast(sandbox, token, "GET", "/v3/organization");
    expect(organization.json).toMatchObject({ data: { id: service.organization_id, slug: "sandbox" } });
  });

  it("answers 400 without owner_id and 404 for what does not exist", async () => {
    expect((await squadcast(sandbox, token, "GET", "/v3/services")).status).toBe(400);
    const [service] = await sandbox.admin.squadcastServices();
    const absent = await squadcast(
      sandbox,
      token,
      "GET",
      `/v3/services/by-name?name=nope&owner_id=${service.owner.id}`,
    );
    expect(absent.status).toBe(404);
    expect(absent.json).toEqual({ meta: { status: 404, error_message: "Service not found." } });
    expect((await squadcast(sandbox, token, "GET", "/v3/teams/by-name?name=nope")).status).toBe(404);
    expect((await squadcast(sandbox, token, "GET", "/v3/services/000000000000000000000000")).status).toBe(
      404,
    );
  });

  it("lists services created through the admin API under their team", async () => {
    const created = await sandbox.admin.createSquadcastService("checkout", "Payments");
    const team = (await squadcast(sandbox, token, "GET", "/v3/teams/by-name?name=Payments")).json as {
      data: { id: string };
    };
    expect(created.owner.id).toBe(team.data.id);
    const listed = await squadcast(sandbox, token, "GET", `/v3/services?owner_id=${team.data.id}`);
    expect((listed.json as { data: { name: string }[] }).data.map((service) => service.name)).toEqual([
      "checkout",
    ]);
  });
});

describe("alert sources", () => {
  it("serves the catalog with the Heroku source", async () => {
    const catalog = (await squadcast(sandbox, token, "GET", "/v3/alert-sources")).json as { data: unknown[] };
    expect(catalog.data).toContainEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      type: "Heroku",
      heading: "Heroku Webhook Notification",
      shortName: "heroku",
      version: "v1",
      isValid: true,
      isPrivate: false,
      deprecated: false,
      displayKeyOnly: false,
      supportDoc: expect.any(String),
    });
    expect(catalog.data).toContainEqual(expect.objectContaining({ shortName: "api", version: "v2" }));
    expect(catalog.data).toContainEqual(expect.objectContaining({ deprecated: true }));
  });

  it("replaces the active list on PUT, keeping only what was sent", async () => {
    const [service] = await sandbox.admin.squadcastServices();
    const path = `/v3/catalog-services/${service.id}/alert-sources`;
    expect((await squadcast(sandbox, token, "GET", path)).json).toEqual({
      data: { alert_sources: [{ alert_source_id: sourceId("datadog") }] },
    });
    const union = [sourceId("datadog"), sourceId("heroku")];
    const put = await squadcast(sandbox, token, "PUT", path, { alert_sources: union });
    expect(put.status).toBe(200);
    expect((await squadcast(sandbox, token, "GET", path)).json).toEqual({
      data: { alert_sources: union.map((id) => ({ alert_source_id: id })) },
    });
    await squadcast(sandbox, token, "PUT", path, { alert_sources: [sourceId("heroku")] });
    expect((await sandbox.admin.activeAlertSources(service.id)).map((source) => source.shortName)).toEqual([
      "heroku",
    ]);
  });

  it("refuses unknown alert-source ids with 400 and unknown services with 404", async () => {
    const [service] = await sandbox.admin.squadcastServices();
    const unknownSource = await squadcast(
      sandbox,
      token,
      "PUT",
      `/v3/catalog-services/${service.id}/alert-sources`,
      {
        alert_sources: ["ffffffffffffffffffffffff"],
      },
    );
    expect(unknownSource.status).toBe(400);
    expect(unknownSource.json).toMatchObject({ meta: { status: 400 } });
    const malformed = await squadcast(
      sandbox,
      token,
      "PUT",
      `/v3/catalog-services/${service.id}/alert-sources`,
      {
        alert_sources: "heroku",
      },
    );
    expect(malformed.status).toBe(400);
    expect((await sandbox.admin.activeAlertSources(service.id)).map((source) => source.shortName)).toEqual([
      "datadog",
    ]);
    const unknownService = await squadcast(
      sandbox,
      token,
      "GET",
      "/v3/catalog-services/ffffffffffffffffffffffff/alert-sources",
    );
    expect(unknownService.status).toBe(404);
  });
});

describe("ingestion", () => {
  it("answers 202 and records the payload", async () => {
    const [service] = await sandbox.admin.squadcastServices();
    const body = {
      resource: "build",
      action: "update",
      data: { status: "failed", app: { name: "demo-app" } },
    };
    const response = await send("POST", ingestionUrl(sandbox, service.api_key), { body });
    expect(response.status).toBe(202);
    expect(response.json).toEqual({ result: "Request will be processed" });
    expect(await sandbox.admin.ingestedPayloads(service.id)).toEqual([
      expect.objectContaining({
        serviceId: service.id,
        body,
        decision: expect.objectContaining({ action: "trigger" }),
      }),
    ]);
  });

  it("answers bad input in the meta envelope and keeps serving", async () => {
    const [service] = await sandbox.admin.squadcastServices();
    const unknownKey = await send("POST", ingestionUrl(sandbox, "f".repeat(40)), { body: {} });
    expect(unknownKey.status).toBe(404);
    expect(unknownKey.json).toMatchObject({ meta: { status: 404 } });
    const malformed = await send("POST", ingestionUrl(sandbox, service.api_key), {
      rawBody: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ meta: { status: 400 } });
    const oversized = await send("POST", ingestionUrl(sandbox, service.api_key), {
      body: { padding: "x".repeat(31 * 1024) },
    });
    expect(oversized.status).toBe(413);
    expect(oversized.json).toMatchObject({ meta: { status: 413 } });
    expect(await sandbox.admin.ingestedPayloads()).toEqual([]);
    const fine = await send("POST", ingestionUrl(sandbox, service.api_key), { body: { resource: "app" } });
    expect(fine.status).toBe(202);
  });
});

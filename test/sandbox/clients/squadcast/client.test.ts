import { inspect } from "node:util";
import { isNotFoundError, type RequestEvent } from "../../../../src/http";
import { ALERT_SOURCE_CATALOG, SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { SquadcastTokenSource, type AccessTokenProvider } from "../../../../src/clients/squadcast/auth";
import { SquadcastClient, type SquadcastClientOptions } from "../../../../src/clients/squadcast/client";
import { json, startScriptedServer } from "../../../unit/http/scripted-server";
import { failure } from "../../../support/api-error";
import { useSandbox } from "../../../support/use-sandbox";

const FIXTURE = SANDBOX_FIXTURE.squadcast;
const HEROKU_SOURCE_ID = ALERT_SOURCE_CATALOG.find((source) => source.shortName === "heroku")?._id as string;
const DATADOG_SOURCE_ID = ALERT_SOURCE_CATALOG.find((source) => source.shortName === "datadog")
  ?._id as string;

const sandbox = useSandbox();

/** A client with its own token source; API calls and token exchanges are counted separately. */
function squadcast(overrides: Partial<SquadcastClientOptions> = {}) {
  const exchanges: RequestEvent[] = [];
  const calls: RequestEvent[] = [];
  const tokenSource = new SquadcastTokenSource({
    refreshToken: FIXTURE.refreshToken,
    authUrl: sandbox.urls.squadcastAuth,
    onRequest: (event) => exchanges.push(event),
  });
  const client = new SquadcastClient({
    tokenSource,
    apiUrl: sandbox.urls.squadcast,
    baseRetryDelayMs: 10,
    onRequest: (event) => calls.push(event),
    ...overrides,
  });
  return { client, exchanges, calls };
}

async function defaultTeamId(client: SquadcastClient): Promise<string> {
  const team = await client.getTeamByName(FIXTURE.teamName);
  if (!team) throw new Error("the fixture team is missing");
  return team.id;
}

describe("teams", () => {
  it("lists teams and reads one by id", async () => {
    const { client } = squadcast();
    const teams = await client.listTeams();
    const team = teams.find((candidate) => candidate.name === FIXTURE.teamName);
    expect(team).toBeDefined();
    expect(await client.getTeam(team?.id as string)).toEqual(team);
  });

  it.each([FIXTURE.teamName, FIXTURE.teamName.toUpperCase()])("finds the team named %s", async (name) => {
    const { client } = squadcast();
    expect((await client.getTeamByName(name))?.name).toBe(FIXTURE.teamName);
  });

  it("falls back to the team list when the by-name endpoint answers 404", async () => {
    await sandbox.admin.addFault({ target: "squadcast", pathPattern: "^/v3/teams/by-name$", status: 404 });
    const { client, calls } = squadcast();
    expect((await client.getTeamByName("default TEAM"))?.name).toBe(FIXTURE.teamName);
    expect(calls.map((call) => call.path)).toEqual(["/v3/teams/by-name", "/v3/teams"]);
  });

  it("returns undefined for an unknown team name", async () => {
    const { client } = squadcast();
    expect(await client.getTeamByName("No Such Team")).toBeUndefined();
  });

  it("reports an unknown team id as a 404 with Squadcast's message", async () => {
    const { client } = squadcast();
    const error = await failure(client.getTeam("000000000000000000000000"));
    expect(isNotFoundError(error)).toBe(true);
    expect(error.message).toBe(
      "Squadcast API GET /v3/teams/000000000000000000000000 failed: 404: Team not found.",
    );
    expect(error.requestId).toBeUndefined();
  });
});

describe("services", () => {
  it("finds a service by name in a team and by id, with its key", async () => {
    const { client } = squadcast();
    const teamId = await defaultTeamId(client);
    const service = await client.getServiceByName(FIXTURE.serviceName, teamId);
    expect(service).toMatchObject({ name: FIXTURE.serviceName, teamId });
    expect(service?.apiKey).toMatch(/^[0-9a-f]{40}$/);
    expect(await client.getService(service?.id as string)).toEqual(service);
    expect(await client.listServices(teamId)).toContainEqual(service);
  });

  it("falls back to the team's service list, ignoring case, when by-name answers 404", async () => {
    const { client } = squadcast();
    const teamId = await defaultTeamId(client);
    expect((await client.getServiceByName("DEMO-Service", teamId))?.name).toBe(FIXTURE.serviceName);
  });

  it("returns undefined for an unknown service name", async () => {
    const { client } = squadcast();
    expect(await client.getServiceByName("no-such-service", await defaultTeamId(client))).toBeUndefined();
  });

  it("reports an unknown service id as a 404", async () => {
    const { client } = squadcast();
    expect(isNotFoundError(await failure(client.getService("000000000000000000000000")))).toBe(true);
  });
});

describe("alert sources", () => {
  it("lists the catalog with Heroku's short name and version", async () => {
    const { client } = squadcast();
    const catalog = await client.listAlertSourceTypes();
    expect(catalog).toContainEqual(
      expect.objectContaining({
        id: HEROKU_SOURCE_ID,
        type: "Heroku",
        shortName: "heroku",
        version: "v1",
        available: true,
      }),
    );
  });

  it("skips a catalog entry that does not parse, counting it in a debug line, and reads the others", async () => {
    await sandbox.admin.addCatalogEntry({ _id: "0123456789abcdef01234567", type: "Broken", isValid: "yes" });
    await sandbox.admin.addCatalogEntry({ _id: "0123456789abcdef01234568", shortName: "bare" });
    const messages: string[] = [];
    const { client } = squadcast({ onDebug: (message) => messages.push(message) });
    const catalog = await client.listAlertSourceTypes();
    expect(catalog).toHaveLength(ALERT_SOURCE_CATALOG.length + 1);
    expect(catalog).toContainEqual(expect.objectContaining({ id: HEROKU_SOURCE_ID, shortName: "heroku" }));
    // An entry without version or display name gets v1 and its short name; missing flags mean available.
    expect(catalog).toContainEqual({
      id: "0123456789abcdef01234568",
      type: "bare",
      shortName: "bare",
      version: "v1",
      displayKeyOnly: false,
      available: true,
    });
    expect(messages).toEqual([
      `Squadcast alert-source catalog: skipped 1 of ${ALERT_SOURCE_CATALOG.length + 2} entries that do not parse`,
    ]);
  });

  it("falls back to the next catalog path when one answers 404", async () => {
    const { client, calls } = squadcast({ alertSourceCatalogPaths: ["/v3/moved-away", "/v3/alert-sources"] });
    expect((await client.listAlertSourceTypes()).length).toBe(ALERT_SOURCE_CATALOG.length);
    expect(calls.map((call) => call.path)).toEqual(["/v3/moved-away", "/v3/alert-sources"]);
  });

  it("tries /v3/public/alert-sources when /v3/alert-sources is gone, and reports the last 404", async () => {
    await sandbox.admin.addFault({ target: "squadcast", pathPattern: "^/v3/alert-sources$", status: 404 });
    const { client, calls } = squadcast();
    const error = await failure(client.listAlertSourceTypes());
    expect(error.path).toBe("/v3/public/alert-sources");
    expect(calls.map((call) => call.path)).toEqual(["/v3/alert-sources", "/v3/public/alert-sources"]);
  });

  it("reads and replaces the active alert sources of a service", async () => {
    const { client } = squadcast();
    const service = await client.getServiceByName(FIXTURE.serviceName, await defaultTeamId(client));
    const serviceId = service?.id as string;
    const before = await client.getActiveAlertSourceIds(serviceId);
    expect(before).toEqual([DATADOG_SOURCE_ID]);

    await client.setActiveAlertSourceIds(serviceId, [...before, HEROKU_SOURCE_ID]);
    expect(await client.getActiveAlertSourceIds(serviceId)).toEqual([DATADOG_SOURCE_ID, HEROKU_SOURCE_ID]);
    const active = await sandbox.admin.activeAlertSources(serviceId);
    expect(active.map((source) => source.shortName).sort()).toEqual(["datadog", "heroku"]);

    await client.setActiveAlertSourceIds(serviceId, before);
    expect(await client.getActiveAlertSourceIds(serviceId)).toEqual(before);
  });

  it("reports an unknown alert-source id as Squadcast's 400", async () => {
    const { client } = squadcast();
    const service = await client.getServiceByName(FIXTURE.serviceName, await defaultTeamId(client));
    const error = await failure(
      client.setActiveAlertSourceIds(service?.id as string, ["ffffffffffffffffffffffff"]),
    );
    expect(error).toMatchObject({ status: 400, retryable: false });
    expect(error.message).toContain("Invalid alert source id: ffffffffffffffffffffffff");
  });
});

describe("organization", () => {
  it("reads the organization", async () => {
    const { client } = squadcast();
    expect(await client.getOrganization()).toMatchObject({
      name: FIXTURE.organizationName,
      slug: FIXTURE.organizationSlug,
    });
  });
});

describe("access tokens", () => {
  it("exchanges once for many calls", async () => {
    const { client, exchanges } = squadcast();
    await Promise.all([client.listTeams(), client.getOrganization(), client.listAlertSourceTypes()]);
    expect(exchanges).toHaveLength(1);
  });

  it("on a 401 drops the token and repeats the call once with a fresh one", async () => {
    const { client, exchanges, calls } = squadcast();
    await client.listTeams();
    expect(await sandbox.admin.expireSquadcastTokens()).toBeGreaterThanOrEqual(1);
    await expect(client.getOrganization()).resolves.toMatchObject({ name: FIXTURE.organizationName });
    expect(exchanges).toHaveLength(2);
    expect(calls.map((call) => call.path)).toEqual(["/v3/teams", "/v3/organization", "/v3/organization"]);
  });

  it("gives up after one repeat when the API keeps answering 401, without showing any token", async () => {
    await sandbox.admin.addFault({ target: "squadcast", status: 401 });
    const { client, calls } = squadcast();
    const error = await failure(client.listTeams());
    expect(calls).toHaveLength(2);
    expect(error.status).toBe(401);
    expect(error.message).toContain(
      "check that the refresh token (squadcast:refreshToken or SQUADCAST_REFRESH_TOKEN)",
    );
    expect(inspect(error)).not.toContain(FIXTURE.refreshToken);
    expect(inspect(error)).not.toMatch(/Bearer (?!\*\*\*)/);
  });

  it("does not repeat a 403: a fresh token would not help", async () => {
    await sandbox.admin.addFault({ target: "squadcast", status: 403 });
    const { client, calls } = squadcast();
    expect((await failure(client.listTeams())).status).toBe(403);
    expect(calls).toHaveLength(1);
  });

  it("passes a token-exchange failure through unchanged", async () => {
    const tokenSource = new SquadcastTokenSource({
      refreshToken: "not-a-valid-token",
      authUrl: sandbox.urls.squadcastAuth,
    });
    const client = new SquadcastClient({ tokenSource, apiUrl: sandbox.urls.squadcast });
    const error = await failure(client.listTeams());
    expect(error.api).toBe("Squadcast auth");
    expect(error.message).toMatch(/^Squadcast rejected the refresh token \(401\)/);
  });
});

describe("response envelope", () => {
  it("reports a body without the {data} envelope as not the expected shape", async () => {
    const server = await startScriptedServer(json(200, { teams: [] }));
    try {
      const tokenSource: AccessTokenProvider = {
        getAccessToken: async () => "static-token-1234",
        invalidate: () => undefined,
      };
      const client = new SquadcastClient({ tokenSource, apiUrl: server.url });
      const error = await failure(client.listTeams());
      expect(error.kind).toBe("malformed-response");
      expect(error.message).toMatch(
        /^Squadcast API GET \/v3\/teams returned a response that is not the expected shape \(data: .+\)/,
      );
      expect(server.requests[0]?.headers.authorization).toBe("Bearer static-token-1234");
    } finally {
      await server.close();
    }
  });
});

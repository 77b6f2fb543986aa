import { ProviderContext } from "../../../src/resource-kit/context";
import { UNKNOWN_VALUE } from "../../../src/resource-kit/unknown";
import { AlertSourceProvider } from "../../../src/squadcast/alert-source";
import type { AlertSourceInputs, AlertSourceState } from "../../../src/squadcast/alert-source-state";
import { checkFailures, inputValidation } from "../../support/check-then-create";

// check and diff must not need credentials or the network: an empty env proves neither is touched.
const provider = new AlertSourceProvider(new ProviderContext({}));

const SERVICE_ID = "5f8891527f735f0a6f9cd2b1";
const TEAM_ID = "5f8891527f735f0a6f9cd2aa";

function check(news: Record<string, unknown>) {
  return provider.checkInputs({} as AlertSourceInputs, news as unknown as AlertSourceInputs);
}

const failuresOf = (news: Record<string, unknown>) => checkFailures(inputValidation(provider), news);

describe("AlertSourceProvider.check accepts", () => {
  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      "serviceName with a team name, defaulting shortName to heroku",
      { serviceName: "demo-service", team: "Default Team" },
      { serviceName: "demo-service", team: "Default Team", shortName: "heroku" },
    ],
    [
      "serviceName with a team id",
      { serviceName: "demo-service", team: TEAM_ID },
      { serviceName: "demo-service", team: TEAM_ID, shortName: "heroku" },
    ],
    ["serviceId alone", { serviceId: SERVICE_ID }, { serviceId: SERVICE_ID, shortName: "heroku" }],
    [
      "serviceId with a team to check it against",
      { serviceId: SERVICE_ID, team: "Default Team" },
      { serviceId: SERVICE_ID, team: "Default Team", shortName: "heroku" },
    ],
    [
      "another alert source type",
      { serviceId: SERVICE_ID, shortName: "incident-webhook" },
      { serviceId: SERVICE_ID, shortName: "incident-webhook" },
    ],
    [
      "a service name with spaces around it, trimmed",
      { serviceName: "  demo-service ", team: "Default Team" },
      { serviceName: "demo-service", team: "Default Team", shortName: "heroku" },
    ],
    [
      "the engine's unknown sentinel for the service and team",
      { serviceName: UNKNOWN_VALUE, team: UNKNOWN_VALUE },
      { serviceName: UNKNOWN_VALUE, team: UNKNOWN_VALUE, shortName: "heroku" },
    ],
    [
      "the engine's unknown sentinel for serviceId and shortName",
      { serviceId: UNKNOWN_VALUE, shortName: UNKNOWN_VALUE },
      { serviceId: UNKNOWN_VALUE, shortName: UNKNOWN_VALUE },
    ],
  ])("%s", async (_name, news, inputs) => {
    expect(await check(news)).toEqual({ inputs });
  });
});

describe("AlertSourceProvider.check rejects, naming the property and the fix", () => {
  test.each<[string, Record<string, unknown>, string]>([
    ["no service at all", {}, "serviceId: give service.id, or service.name with service.team"],
    [
      "serviceId and serviceName together",
      { serviceId: SERVICE_ID, serviceName: "demo-service", team: "Default Team" },
      "serviceName: give service.id or service.name, not both",
    ],
    [
      "serviceName without team",
      { serviceName: "demo-service" },
      "team: service.team is required with service.name (a name or id)",
    ],
    [
      "an unknown serviceName without team",
      { serviceName: UNKNOWN_VALUE },
      "team: service.team is required with service.name (a name or id)",
    ],
    [
      "a serviceId that is not a Squadcast id",
      { serviceId: "demo-service" },
      "serviceId: service.id must be a Squadcast service id: 24 letters and digits",
    ],
    [
      "a blank serviceName",
      { serviceName: "   ", team: "Default Team" },
      "serviceName: service.name must not be empty",
    ],
    ["an empty team", { serviceName: "demo-service", team: "" }, "team: service.team must not be empty"],
    [
      "a shortName in capitals",
      { serviceId: SERVICE_ID, shortName: "Heroku" },
      "shortName: shortName must be a lowercase alert source slug such as heroku",
    ],
    [
      "a shortName with a space",
      { serviceId: SERVICE_ID, shortName: "incident webhook" },
      "shortName: shortName must be a lowercase alert source slug such as heroku",
    ],
    [
      "an empty shortName",
      { serviceId: SERVICE_ID, shortName: "" },
      "shortName: shortName must be a lowercase alert source slug such as heroku",
    ],
  ])("%s", async (_name, news, failure) => {
    expect(await failuresOf(news)).toEqual([failure]);
  });
});

describe("AlertSourceProvider.diff", () => {
  const STATE: AlertSourceState = {
    serviceName: "demo-service",
    team: "Default Team",
    shortName: "heroku",
    serviceId: SERVICE_ID,
    teamId: TEAM_ID,
    alertSourceId: "5e0f6bd1d4ad8c4b5a6f1f2a",
    webhookUrl: "https://api.squadcast.com/v1/incidents/heroku/service-key",
    addedByThisResource: true,
    origin: "created",
  };
  const BY_NAME: Record<string, unknown> = {
    serviceName: "demo-service",
    team: "Default Team",
    shortName: "heroku",
  };

  function diff(news: Record<string, unknown>) {
    return provider.diff(`${SERVICE_ID}/${STATE.alertSourceId}`, STATE, news as unknown as AlertSourceInputs);
  }

  const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false };
  const replacing = (...replaces: string[]) => ({ changes: true, replaces, deleteBeforeReplace: false });

  test.each<[string, Record<string, unknown>, object]>([
    ["the same inputs", BY_NAME, NO_CHANGE],
    ["the same service by id", { serviceId: SERVICE_ID, shortName: "heroku" }, NO_CHANGE],
    ["the same team by id", { ...BY_NAME, team: TEAM_ID }, NO_CHANGE],
    [
      "a different __provider text (a library upgrade)",
      { ...BY_NAME, __provider: "exports.x = 1;" },
      NO_CHANGE,
    ],
    ["another service name", { ...BY_NAME, serviceName: "payments" }, replacing("serviceName")],
    [
      "another service id",
      { serviceId: "5f8891527f735f0a6f9cd2b2", shortName: "heroku" },
      replacing("serviceId"),
    ],
    ["another team", { ...BY_NAME, team: "Platform" }, replacing("team")],
    ["another alert source type", { ...BY_NAME, shortName: "incident-webhook" }, replacing("shortName")],
    ["an unknown service name", { ...BY_NAME, serviceName: UNKNOWN_VALUE }, replacing("serviceName")],
    ["an unknown service id", { serviceId: UNKNOWN_VALUE, shortName: "heroku" }, replacing("serviceId")],
    ["an unknown team", { ...BY_NAME, team: UNKNOWN_VALUE }, replacing("team")],
  ])("%s", async (_name, news, expected) => {
    expect(await diff(news)).toEqual(expected);
  });
});

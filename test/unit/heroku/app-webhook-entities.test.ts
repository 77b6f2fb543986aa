import * as pulumi from "@pulumi/pulumi";
import { AppWebhook } from "../../../src/heroku/app-webhook";
import { ENTITY_PRESETS, entitySetOf, type EntitySelection } from "../../../src/mapping";
import { APP_WEBHOOK, byName, installProviderMocks, registered } from "../components/helpers/provider-mocks";

// The entities an AppWebhook registers, resolved once in the program: a selection written out resolves
// at once, one that comes as an Output through an apply; both must register the same set and show the
// same warning for a retired entity left out.

const registrations = installProviderMocks();

let warnings: string[];
beforeEach(() => {
  warnings = [];
  jest.spyOn(pulumi.log, "warn").mockImplementation(async (message: string) => {
    warnings.push(message);
  });
});
afterEach(() => jest.restoreAllMocks());

const URL = "https://api.squadcast.com/v2/incidents/heroku/0123456789abcdef";

describe.each<[string, (selection: EntitySelection) => pulumi.Input<EntitySelection>]>([
  ["written out", (selection) => selection],
  ["as an Output", (selection) => pulumi.output(selection)],
])("entities %s", (_how, input) => {
  test.each<[string, EntitySelection, Readonly<Record<string, boolean>>, number]>([
    ["a list", ["api:build", "dyno"], { "api:build": true, dyno: true }, 0],
    ["a preset", "deploys", entitySetOf(ENTITY_PRESETS.deploys), 0],
    ["a list with a retired entity", ["api:ssl-endpoint", "dyno"], { dyno: true }, 1],
  ])("%s registers its entity set", async (name, selection, expected, warningCount) => {
    const webhook = new AppWebhook(`hook-${name}`, { app: "shop-web", url: URL, entities: input(selection) });
    await registered([webhook]);

    expect(byName(registrations, APP_WEBHOOK).get(`hook-${name}`)?.inputs.entities).toEqual(expected);
    expect(warnings).toHaveLength(warningCount);
    for (const warning of warnings) expect(warning).toContain(`heroku:AppWebhook hook-${name}: `);
  });
});

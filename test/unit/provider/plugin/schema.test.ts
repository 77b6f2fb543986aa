import * as fs from "node:fs";
import { PLUGIN_CONFIG_VARIABLES } from "../../../../src/config";
import { PACKAGE_NAME, packageSchema } from "../../../../src/provider/plugin/schema";

// The schema is generated from the TypeScript declarations (scripts/schema/generate.js); these tests
// keep the committed schema.json equal to what the declarations say, and show that a disagreement
// between the layout and the Args fails the generation.

/* eslint-disable @typescript-eslint/no-require-imports */
const { generateSchema, render, SCHEMA_FILE } = require("../../../../scripts/schema/generate.js") as {
  generateSchema(layout?: unknown): Record<string, unknown>;
  render(schema: unknown): string;
  SCHEMA_FILE: string;
};
const layout = require("../../../../scripts/schema/layout.js") as Layout;
/* eslint-enable @typescript-eslint/no-require-imports */

interface Layout {
  PACKAGE: string;
  resources: { token: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[];
  components: { token: string; inputs: Record<string, unknown> }[];
  config: { name: string; key: string }[];
}

function withResource(token: string, change: (resource: Layout["resources"][number]) => void): Layout {
  const copy = structuredClone(layout);
  change(copy.resources.find((resource) => resource.token === token)!);
  return copy;
}

describe("the provider plugin's schema", () => {
  let schema: Record<string, unknown>;
  beforeAll(() => {
    schema = generateSchema();
  });

  it("is committed as the declarations generate it (run `npm run schema` after changing an Args)", () => {
    expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(render(schema));
  });

  it("takes the Integration's alertSource as a reference to the package's AlertSource resource", () => {
    const resources = schema.resources as Record<string, { inputProperties: Record<string, unknown> }>;
    expect(resources[`${PACKAGE_NAME}:index:Integration`].inputProperties.alertSource).toMatchObject({
      $ref: `#/resources/${PACKAGE_NAME}:squadcast:AlertSource`,
    });
  });

  it("fails when a resource reference names no resource of the layout", () => {
    const copy = structuredClone(layout);
    copy.components.find((component) => component.token === "index:Integration")!.inputs.alertSource = {
      resource: "squadcast:NoSuchResource",
    };
    expect(() => generateSchema(copy)).toThrow(
      "index:Integration args.alertSource: no resource squadcast:NoSuchResource in the layout",
    );
  });

  it("fails when an Args interface has a property the schema lacks", () => {
    const layoutWithout = withResource("heroku:AppWebhook", (resource) => delete resource.inputs.level);
    expect(() => generateSchema(layoutWithout)).toThrow(
      "heroku:AppWebhook args.level is declared in TypeScript but not in the schema",
    );
  });

  it("fails when the schema has a property no Args interface declares", () => {
    const layoutWith = withResource("squadcast:AlertSource", (resource) => {
      resource.inputs.priority = "string";
    });
    expect(() => generateSchema(layoutWith)).toThrow(
      "squadcast:AlertSource args.priority is in the schema but not declared in TypeScript",
    );
  });

  it("fails when a resource class has an output the schema lacks", () => {
    const layoutWithout = withResource("heroku:AppWebhook", (resource) => delete resource.outputs.origin);
    expect(() => generateSchema(layoutWithout)).toThrow(
      "heroku:AppWebhook outputs.origin is declared in TypeScript but not in the schema",
    );
  });

  it("describes every resource, component, input and output with its TSDoc", () => {
    const { resources } = packageSchema() as unknown as {
      resources: Record<string, { description: string; inputProperties: object; properties: object }>;
    };
    expect(Object.keys(resources).sort()).toEqual(
      [...layout.resources, ...layout.components].map(({ token }) => `${PACKAGE_NAME}:${token}`).sort(),
    );
    const undescribed = Object.entries(resources).flatMap(([token, resource]) => [
      ...(resource.description ? [] : [token]),
      ...Object.entries({ ...resource.inputProperties, ...resource.properties })
        .filter(([, property]) => !(property as { description?: string }).description)
        .map(([name]) => `${token}.${name}`),
    ]);
    expect(undescribed).toEqual([]);
    expect(resources[`${PACKAGE_NAME}:heroku:AppWebhook`].description).toContain("## Import");
  });

  it("states each default, from the field's @defaultValue, at the end of its description", () => {
    const { resources, config } = schema as {
      resources: Record<string, { inputProperties: Record<string, { description: string }> }>;
      config: { variables: Record<string, { description: string }> };
    };
    const input = (token: string, name: string) =>
      resources[`${PACKAGE_NAME}:${token}`].inputProperties[name].description;
    expect(input("heroku:AppWebhook", "level")).toMatch(/\n\nDefault: `"notify"` \(`DEFAULT_LEVEL`\)\.$/);
    expect(input("squadcast:AlertSource", "shortName")).toMatch(
      /\n\nDefault: `"heroku"` \(`mapping\.HEROKU_ALERT_SOURCE_SHORT_NAME`\)\.$/,
    );
    expect(input("heroku:AppWebhook", "authorization")).toMatch(/\n\nDefault: none\.$/);
    expect(config.variables.squadcastRegion.description).toContain("\n\nDefault: `us`.\n\n");
  });

  it("marks credentials, webhook URLs and webhook secrets secret", () => {
    const { resources, config } = schema as {
      resources: Record<
        string,
        { inputProperties: Record<string, { secret?: true }>; properties: Record<string, { secret?: true }> }
      >;
      config: { variables: Record<string, { secret?: true }> };
    };
    const secrets = (properties: Record<string, { secret?: true }>) =>
      Object.keys(properties).filter((name) => properties[name].secret);
    const webhook = resources[`${PACKAGE_NAME}:heroku:AppWebhook`];
    expect(secrets(webhook.inputProperties)).toEqual(["url", "secret", "authorization"]);
    expect(secrets(webhook.properties)).toEqual(["url", "signingSecret"]);
    expect(secrets(resources[`${PACKAGE_NAME}:squadcast:AlertSource`].properties)).toEqual(["webhookUrl"]);
    expect(secrets(config.variables)).toEqual(["herokuApiKey", "squadcastRefreshToken"]);
  });

  it("has the enums of entities, presets, levels and regions from the TypeScript types", () => {
    const { types } = schema as { types: Record<string, { enum?: { value: string }[] }> };
    const values = (name: string) => types[`${PACKAGE_NAME}:${name}`].enum!.map(({ value }) => value);
    expect(values("heroku:EntityPreset")).toEqual(["all", "resolvable", "deploys"]);
    expect(values("heroku:WebhookLevel")).toEqual(["notify", "sync"]);
    expect(values("heroku:Entity")).toContain("api:build");
    expect(values("index:SquadcastRegion")).toEqual(["us", "eu"]);
  });

  it("names the same configuration as src/config, with the TypeScript resources' keys", () => {
    expect(Object.fromEntries(layout.config.map(({ key, name }) => [key, name]))).toEqual(
      PLUGIN_CONFIG_VARIABLES,
    );
  });
});

import {
  ALL_ENTITIES,
  HEROKU_ENTITIES,
  entityInfo,
  isHerokuEntity,
  type HerokuEntity,
  type HerokuEntityInfo,
  type IncidentEffect,
} from "../../../src/mapping";

type SeedEvents = "Trigger" | "Trigger, Resolve";
type HerokuAction = HerokuEntityInfo["actions"][number];

interface IncludeName {
  readonly name: HerokuEntity;
  readonly effect: IncidentEffect;
  readonly actions: readonly HerokuAction[];
}

interface SeedRow {
  /** The entity as Squadcast's Heroku guide names it: Heroku's `resource`, without the `api:` prefix. */
  readonly seedEntity: string;
  /** The guide's "Squadcast Incident Event Types" column. */
  readonly seedEvents: SeedEvents;
  /** The Heroku include name(s) the row stands for, with the effect and actions each must have. */
  readonly includeNames: readonly IncludeName[];
}

// Copied from the "Supported Entities and Event Types" table of Squadcast's Heroku guide (the seed), in
// its order; actions from Heroku's Dev Center entity table. Hard-coded rather than parsed so the test
// pins the contract even if the guide's markdown changes shape.
const SQUADCAST_GUIDE_TABLE: readonly SeedRow[] = [
  {
    seedEntity: "addon-attachment",
    seedEvents: "Trigger",
    includeNames: [{ name: "api:addon-attachment", effect: "trigger", actions: ["create", "destroy"] }],
  },
  {
    seedEntity: "addon",
    seedEvents: "Trigger",
    includeNames: [{ name: "api:addon", effect: "trigger", actions: ["create", "update", "destroy"] }],
  },
  {
    seedEntity: "app",
    seedEvents: "Trigger",
    includeNames: [{ name: "api:app", effect: "trigger", actions: ["create", "update", "destroy"] }],
  },
  {
    seedEntity: "build",
    seedEvents: "Trigger, Resolve",
    includeNames: [{ name: "api:build", effect: "trigger-and-resolve", actions: ["create", "update"] }],
  },
  {
    seedEntity: "collaborator",
    seedEvents: "Trigger",
    includeNames: [{ name: "api:collaborator", effect: "trigger", actions: ["create", "update", "destroy"] }],
  },
  {
    seedEntity: "domain",
    seedEvents: "Trigger",
    includeNames: [{ name: "api:domain", effect: "trigger", actions: ["create", "destroy"] }],
  },
  {
    // Heroku has two dyno entities: `api:dyno` (a dyno started) only triggers; `dyno` carries the state
    // changes (crashed, up) that let the guide promise Resolve.
    seedEntity: "dyno",
    seedEvents: "Trigger, Resolve",
    includeNames: [
      { name: "api:dyno", effect: "trigger", actions: ["create"] },
      { name: "dyno", effect: "trigger-and-resolve", actions: ["update", "destroy"] },
    ],
  },
  {
    seedEntity: "formation",
    seedEvents: "Trigger",
    includeNames: [{ name: "api:formation", effect: "trigger", actions: ["update", "destroy"] }],
  },
  {
    seedEntity: "release",
    seedEvents: "Trigger",
    includeNames: [{ name: "api:release", effect: "trigger", actions: ["create", "update"] }],
  },
  {
    seedEntity: "sni-endpoint",
    seedEvents: "Trigger",
    includeNames: [{ name: "api:sni-endpoint", effect: "trigger", actions: ["create", "update", "destroy"] }],
  },
  {
    seedEntity: "ssl-endpoint",
    seedEvents: "Trigger",
    includeNames: [{ name: "api:ssl-endpoint", effect: "trigger", actions: ["create", "update", "destroy"] }],
  },
];

const includeNamesOf = (row: SeedRow) => row.includeNames.map((includeName) => includeName.name);

describe("HEROKU_ENTITIES against the Squadcast guide's table", () => {
  describe.each(SQUADCAST_GUIDE_TABLE)("$seedEntity ($seedEvents)", (row) => {
    it.each(row.includeNames)("has $name with the right effect and actions", (expected) => {
      expect(isHerokuEntity(expected.name)).toBe(true);
      const info = entityInfo(expected.name);
      expect(info.effect).toBe(expected.effect);
      expect(info.actions).toEqual(expected.actions);
      // Deliveries carry the guide's entity name as `resource`; the classifier relies on it.
      expect(info.resource).toBe(row.seedEntity);
    });

    it("resolves exactly when the guide says Resolve", () => {
      const anyNameResolves = includeNamesOf(row).some(
        (name) => entityInfo(name).effect === "trigger-and-resolve",
      );
      expect(anyNameResolves).toBe(row.seedEvents === "Trigger, Resolve");
    });
  });

  it("has no entity the guide does not list, in the guide's order", () => {
    expect(ALL_ENTITIES).toEqual(SQUADCAST_GUIDE_TABLE.flatMap(includeNamesOf));
  });

  it("keeps dyno and api:dyno as two entities of the same resource", () => {
    expect(isHerokuEntity("dyno")).toBe(true);
    expect(isHerokuEntity("api:dyno")).toBe(true);
    expect(HEROKU_ENTITIES.dyno.resource).toBe(HEROKU_ENTITIES["api:dyno"].resource);
    // Only `dyno` state changes can resolve: an `api:dyno` create says nothing about health.
    expect(HEROKU_ENTITIES["api:dyno"].effect).toBe("trigger");
    expect(HEROKU_ENTITIES.dyno.effect).toBe("trigger-and-resolve");
  });

  it("marks only ssl-endpoint retired, pointing at its replacement", () => {
    const retired = ALL_ENTITIES.filter((entity) => entityInfo(entity).retired !== undefined);
    expect(retired).toEqual(["api:ssl-endpoint"]);
    expect(entityInfo("api:ssl-endpoint").retired).toContain("api:sni-endpoint");
  });

  it("marks builds, formation and releases, and nothing else, as deploy related", () => {
    const deployRelated = ALL_ENTITIES.filter((entity) => entityInfo(entity).deployRelated);
    expect(deployRelated).toEqual(["api:build", "api:formation", "api:release"]);
  });

  it.each(ALL_ENTITIES)("describes %s in one non-empty line", (entity) => {
    expect(entityInfo(entity).description).toMatch(/^[^\n]+$/);
  });
});

describe("isHerokuEntity", () => {
  it.each(ALL_ENTITIES)("accepts %s", (name) => {
    expect(isHerokuEntity(name)).toBe(true);
  });

  it.each([
    ["the guide's name without the api: prefix", "build"],
    ["wrong case", "API:BUILD"],
    ["a plural", "api:builds"],
    ["surrounding whitespace", " api:build"],
    ["dyno with an api-style suffix", "dyno:api"],
    ["an empty string", ""],
    // Inherited properties must not pass as entities: the table is a plain object.
    ["an Object.prototype key", "toString"],
    ["another Object.prototype key", "hasOwnProperty"],
    ["the prototype accessor", "__proto__"],
    ["the constructor", "constructor"],
  ])("rejects %s (%j)", (_why, name) => {
    expect(isHerokuEntity(name)).toBe(false);
  });

  it("rejects, at compile time, an entity name Heroku does not use", () => {
    // @ts-expect-error "build" is the resource name, not an include name; tsc fails here if it ever becomes valid.
    const missingPrefix: HerokuEntity = "build";
    // @ts-expect-error Include names are case-sensitive.
    const wrongCase: HerokuEntity = "API:DYNO";
    expect(isHerokuEntity(missingPrefix)).toBe(false);
    expect(isHerokuEntity(wrongCase)).toBe(false);
  });
});

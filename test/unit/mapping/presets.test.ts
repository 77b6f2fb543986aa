import {
  ALL_ENTITIES,
  ENTITY_PRESETS,
  PRESET_NAMES,
  entityInfo,
  isEntityPreset,
  type EntityPreset,
  type HerokuEntity,
} from "../../../src/mapping";

// Exact contents, in table order: a preset silently gaining or losing an entity changes what pages people.
const EXPECTED_PRESETS: Record<EntityPreset, readonly HerokuEntity[]> = {
  all: [
    "api:addon-attachment",
    "api:addon",
    "api:app",
    "api:build",
    "api:collaborator",
    "api:domain",
    "api:dyno",
    "dyno",
    "api:formation",
    "api:release",
    "api:sni-endpoint",
  ],
  resolvable: ["api:build", "dyno"],
  deploys: ["api:build", "api:formation", "api:release"],
};

describe("ENTITY_PRESETS", () => {
  it("names exactly the all, resolvable and deploys presets", () => {
    expect(PRESET_NAMES).toEqual(["all", "resolvable", "deploys"]);
  });

  it.each(Object.entries(EXPECTED_PRESETS))(
    "%s contains exactly the expected entities",
    (preset, expected) => {
      expect(ENTITY_PRESETS[preset as EntityPreset]).toEqual(expected);
    },
  );

  it.each(PRESET_NAMES)("%s contains no retired entity", (preset) => {
    const retired = ENTITY_PRESETS[preset].filter((entity) => entityInfo(entity).retired !== undefined);
    expect(retired).toEqual([]);
  });

  it("all is every entity of the table except the retired ones", () => {
    const retired = ALL_ENTITIES.filter((entity) => entityInfo(entity).retired !== undefined);
    expect(retired.length).toBeGreaterThan(0);
    expect([...ENTITY_PRESETS.all, ...retired].sort()).toEqual([...ALL_ENTITIES].sort());
  });

  it("resolvable holds only entities whose incidents resolve themselves", () => {
    for (const entity of ENTITY_PRESETS.resolvable) {
      expect(entityInfo(entity).effect).toBe("trigger-and-resolve");
    }
  });

  it.each(PRESET_NAMES)("%s cannot be changed by a caller", (preset) => {
    // Presets are shared module state returned straight to callers; a push must not leak into others.
    const entities = ENTITY_PRESETS[preset] as HerokuEntity[];
    expect(() => entities.push("api:ssl-endpoint")).toThrow(TypeError);
    expect(ENTITY_PRESETS[preset]).toEqual(EXPECTED_PRESETS[preset]);
  });
});

describe("isEntityPreset", () => {
  it.each(PRESET_NAMES)("accepts %s", (preset) => {
    expect(isEntityPreset(preset)).toBe(true);
  });

  it.each([
    ["wrong case", "All"],
    ["an entity name", "api:build"],
    ["an empty string", ""],
    ["an Object.prototype key", "toString"],
    ["the constructor", "constructor"],
  ])("rejects %s (%j)", (_why, name) => {
    expect(isEntityPreset(name)).toBe(false);
  });
});

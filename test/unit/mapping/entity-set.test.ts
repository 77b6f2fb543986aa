import {
  ENTITY_PRESETS,
  entityListOf,
  entitySetOf,
  resolveEntitySet,
  sameEntities,
  type EntitySetResolution,
} from "../../../src/mapping";

/**
 * An EntitySetResolution with the set written as the list of its entities, and messages that may be
 * asymmetric matchers, since only part of a message matters.
 */
type ExpectedResolution =
  | { readonly ok: true; readonly entities: readonly string[]; readonly warnings: readonly unknown[] }
  | { readonly ok: false; readonly errors: readonly unknown[] };

interface SelectionCase {
  readonly name: string;
  readonly selection: unknown;
  /** The whole result, so an extra error or warning fails the case too. */
  readonly expected: ExpectedResolution;
}

const ok = (entities: readonly string[], warnings: readonly unknown[] = []): ExpectedResolution => ({
  ok: true,
  entities,
  warnings,
});
const failed = (...errors: unknown[]): ExpectedResolution => ({ ok: false, errors });
const mentioning = (text: string) => expect.stringContaining(text);

const CASES: readonly SelectionCase[] = [
  // Presets.
  { name: "preset all", selection: "all", expected: ok(ENTITY_PRESETS.all) },
  { name: "preset resolvable", selection: "resolvable", expected: ok(["api:build", "dyno"]) },
  {
    name: "preset deploys",
    selection: "deploys",
    expected: ok(["api:build", "api:formation", "api:release"]),
  },

  // Explicit lists: the result is in table order whatever order the user wrote.
  { name: "one entity", selection: ["api:release"], expected: ok(["api:release"]) },
  {
    name: "a list out of table order",
    selection: ["api:release", "dyno", "api:build"],
    expected: ok(["api:build", "dyno", "api:release"]),
  },
  {
    name: "both dyno entities, newest first",
    selection: ["dyno", "api:dyno"],
    expected: ok(["api:dyno", "dyno"]),
  },
  {
    name: "every live entity, reversed",
    selection: [...ENTITY_PRESETS.all].reverse(),
    expected: ok(ENTITY_PRESETS.all),
  },

  // Unknown entities, with a hint for the usual slips.
  {
    name: "the guide's name without api:",
    selection: ["build"],
    expected: failed(mentioning('unknown entity "build": did you mean "api:build"?')),
  },
  {
    name: "upper case",
    selection: ["API:BUILD"],
    expected: failed(mentioning('unknown entity "API:BUILD": did you mean "api:build"?')),
  },
  {
    name: "a plural",
    selection: ["dynos"],
    expected: failed(mentioning('unknown entity "dynos": did you mean "dyno"?')),
  },
  {
    name: "a plural without api:",
    selection: ["releases"],
    expected: failed(mentioning('did you mean "api:release"?')),
  },
  {
    name: "a name nothing resembles",
    selection: ["api:pipeline"],
    expected: failed(mentioning('unknown entity "api:pipeline": known entities are api:addon-attachment, ')),
  },
  {
    name: "an Object.prototype key",
    selection: ["toString"],
    expected: failed(mentioning('unknown entity "toString"')),
  },

  // Other list mistakes.
  {
    name: "a duplicate entity",
    selection: ["api:build", "api:release", "api:build"],
    expected: failed('entity "api:build" is listed twice'),
  },
  { name: "an empty list", selection: [], expected: failed(mentioning("at least one entity")) },
  { name: "a number item", selection: [42], expected: failed("entities must be strings, got 42") },
  { name: "a null item", selection: [null], expected: failed("entities must be strings, got null") },
  {
    name: "a nested list",
    selection: [["api:build"]],
    expected: failed('entities must be strings, got ["api:build"]'),
  },
  {
    name: "every mistake of a list, each reported once, in list order",
    selection: ["build", 7, "api:release", "api:release"],
    expected: failed(
      mentioning('unknown entity "build"'),
      "entities must be strings, got 7",
      'entity "api:release" is listed twice',
    ),
  },

  // Neither a preset name nor a list.
  ...(
    [
      ["a number", 3],
      ["null", null],
      ["undefined", undefined],
      ["a boolean", true],
    ] as const
  ).map(([what, selection]) => ({
    name: `${what} instead of a preset or list`,
    selection,
    expected: failed("must be a preset name (all, resolvable, deploys) or a list of entities"),
  })),

  // A set, as the resources hand it to check.
  { name: "a set", selection: { dyno: true, "api:build": true }, expected: ok(["api:build", "dyno"]) },
  {
    name: "a set with a value other than true",
    selection: { "api:build": true, dyno: false },
    expected: failed('as a set, every value must be true (got "dyno")'),
  },
  {
    name: "an object that is no set",
    selection: { include: ["api:build"] },
    expected: failed(mentioning('as a set, every value must be true (got "include")')),
  },
  {
    name: "a set with an unknown entity",
    selection: { builds: true },
    expected: failed(mentioning('unknown entity "builds"')),
  },

  // Unknown presets.
  {
    name: "an unknown preset",
    selection: "everything",
    expected: failed('unknown entity preset "everything": use one of all, resolvable, deploys'),
  },
  {
    name: "a preset in the wrong case",
    selection: "All",
    expected: failed(mentioning('unknown entity preset "All"')),
  },
  {
    name: "an entity name where a preset is expected",
    selection: "api:build",
    expected: failed(mentioning('(to choose one entity, write ["api:build"])')),
  },
  { name: "an empty preset name", selection: "", expected: failed(mentioning('unknown entity preset ""')) },

  // Retired entities still work, with a warning.
  {
    name: "the retired ssl-endpoint alone",
    selection: ["api:ssl-endpoint"],
    expected: failed(mentioning("every entity listed is retired")),
  },
  {
    name: "the retired ssl-endpoint beside its replacement",
    selection: ["api:ssl-endpoint", "api:sni-endpoint"],
    expected: ok(["api:sni-endpoint"], [mentioning("left out of the webhook: Heroku retired")]),
  },
];

/** The resolution with its set written as the list of its entities, as the cases give it. */
function listed(resolution: EntitySetResolution) {
  return resolution.ok ? { ...resolution, entities: entityListOf(resolution.entities) } : resolution;
}

describe("resolveEntitySet", () => {
  it.each(CASES)("$name", ({ selection, expected }) => {
    expect(listed(resolveEntitySet(selection))).toEqual(expected);
  });

  it("gives the same set for every order of the same entities", () => {
    const entities = ["api:release", "dyno", "api:build"];
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ].map((order) => order.map((index) => entities[index]));
    const resolutions = orders.map((order) => resolveEntitySet(order));
    for (const resolution of resolutions) {
      expect(resolution).toEqual(resolutions[0]);
      expect(resolution.ok).toBe(true);
    }
  });

  it("does not reorder or change the caller's list", () => {
    const selection = ["api:release", "api:build"];
    resolveEntitySet(selection);
    expect(selection).toEqual(["api:release", "api:build"]);
  });
});

describe("sameEntities", () => {
  it.each([
    ["the same list", ["api:build", "dyno"], ["api:build", "dyno"], true],
    // Heroku may hand `include` back in another order; that must not read as a change.
    ["another order", ["api:build", "dyno"], ["dyno", "api:build"], true],
    ["both empty", [], [], true],
    ["a repeat of an entity already listed", ["api:build", "api:build"], ["api:build"], true],
    ["one entity more on the right", ["api:build"], ["api:build", "dyno"], false],
    ["one entity more on the left", ["api:build", "dyno"], ["api:build"], false],
    ["a different entity", ["api:build"], ["api:release"], false],
    ["empty against one entity", [], ["api:build"], false],
    ["same size, repeats hiding a difference", ["api:build", "api:build"], ["api:build", "dyno"], false],
    ["case matters", ["api:build"], ["API:BUILD"], false],
  ])("%s", (_why, left, right, expected) => {
    expect(sameEntities(left, right)).toBe(expected);
    // The answer must not depend on which side is which.
    expect(sameEntities(right, left)).toBe(expected);
  });
});

describe("entityListOf and entitySetOf", () => {
  it("lists a set in table order, whatever order it was built in", () => {
    expect(entityListOf({ "api:release": true, dyno: true, "api:build": true })).toEqual([
      "api:build",
      "dyno",
      "api:release",
    ]);
  });

  it("keeps names the table does not know (what Heroku may report), after the known ones", () => {
    expect(entityListOf({ "api:pipeline": true, "api:build": true })).toEqual(["api:build", "api:pipeline"]);
  });

  it.each([
    ["a list", ["api:build"]],
    ["a preset name", "all"],
    ["undefined", undefined],
  ])("finds no entities in %s", (_what, value) => {
    expect(entityListOf(value)).toEqual([]);
  });

  it("round-trips: the set of a set's list is the set", () => {
    const set = entitySetOf(ENTITY_PRESETS.deploys);
    expect(entitySetOf(entityListOf(set))).toEqual(set);
  });
});

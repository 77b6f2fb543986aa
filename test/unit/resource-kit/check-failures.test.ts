import { z } from "zod";
import { checkFailuresFrom } from "../../../src/resource-kit/check-failures";
import { UNKNOWN_VALUE } from "../../../src/resource-kit/unknown";

/** A field as the resources declare it: the engine's unknown sentinel, or a value the schema accepts. */
const orUnknown = <T extends z.ZodType>(schema: T) => z.union([z.literal(UNKNOWN_VALUE), schema]);

const schema = z.object({
  level: orUnknown(z.enum(["notify", "sync"], { error: "level must be notify or sync" })),
  app: orUnknown(z.string({ error: "app must be a string" }).min(3, "app is too short")),
  name: z.string().min(1, "name must not be empty").max(3, "name must be at most 3 characters"),
});

function failures(input: unknown) {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected the input to be rejected");
  return checkFailuresFrom(parsed.error.issues);
}

describe("checkFailuresFrom", () => {
  test("reports the real schema's message for a field that may also be unknown, not zod's 'Invalid input'", () => {
    expect(failures({ level: "async", app: 42, name: "ok" })).toEqual([
      { property: "level", reason: "level must be notify or sync" },
      { property: "app", reason: "app must be a string" },
    ]);
  });

  test("reports a refinement of a field that may also be unknown", () => {
    expect(failures({ level: "sync", app: "ab", name: "ok" })).toEqual([
      { property: "app", reason: "app is too short" },
    ]);
  });

  test("joins several messages about one property into one failure", () => {
    const joined = z.object({
      name: z
        .string()
        .refine(() => false, "first")
        .refine(() => false, { message: "second", abort: false }),
    });
    const parsed = joined.safeParse({ name: "x" });
    expect(parsed.success).toBe(false);
    expect(checkFailuresFrom(parsed.error?.issues ?? [])).toEqual([
      { property: "name", reason: "first; second" },
    ]);
  });

  test("names no property for an issue about the whole object", () => {
    const parsed = schema.safeParse("not an object");
    expect(parsed.success).toBe(false);
    expect(checkFailuresFrom(parsed.error?.issues ?? [])).toEqual([
      { property: "", reason: expect.stringContaining("expected object") },
    ]);
  });
});

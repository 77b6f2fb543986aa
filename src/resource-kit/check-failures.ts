import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { UNKNOWN_VALUE } from "./unknown";

/**
 * Turns zod issues into Pulumi check failures, one per property, so `pulumi preview` names the
 * argument to fix instead of printing a stack trace.
 */
export function checkFailuresFrom(issues: readonly z.core.$ZodIssue[]): pulumi.dynamic.CheckFailure[] {
  return onePerProperty(
    issues.flatMap((issue) => {
      const property = issue.path.length > 0 ? String(issue.path[0]) : "";
      return reasonsOf(issue).map((reason) => ({ property, reason }));
    }),
  );
}

/** Joins the reasons given for the same property, so each argument is named once. */
export function onePerProperty(
  failures: readonly pulumi.dynamic.CheckFailure[],
): pulumi.dynamic.CheckFailure[] {
  const byProperty = new Map<string, string[]>();
  for (const { property, reason } of failures) {
    byProperty.set(property, [...(byProperty.get(property) ?? []), reason]);
  }
  return [...byProperty].map(([property, reasons]) => ({ property, reason: reasons.join("; ") }));
}

/**
 * A field that may also be the engine's unknown sentinel is a union of the sentinel and the real schema;
 * when a value fails both, zod says only "Invalid input", so this reports what the real schema said.
 */
function reasonsOf(issue: z.core.$ZodIssue): string[] {
  if (issue.code === "invalid_union") {
    const realBranches = issue.errors.filter((branch) => !branch.some(rejectsOnlyTheSentinel));
    if (realBranches.length > 0) return realBranches.flat().map((inner) => inner.message);
  }
  return [issue.message];
}

function rejectsOnlyTheSentinel(issue: z.core.$ZodIssue): boolean {
  return issue.code === "invalid_value" && issue.values.length === 1 && issue.values[0] === UNKNOWN_VALUE;
}

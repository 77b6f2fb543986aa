import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";

/**
 * Turns zod issues into Pulumi check failures, one per property, so `pulumi preview` names the
 * argument to fix instead of printing a stack trace.
 */
export function checkFailuresFrom(issues: readonly z.core.$ZodIssue[]): pulumi.dynamic.CheckFailure[] {
  const byProperty = new Map<string, string[]>();
  for (const issue of issues) {
    const property = issue.path.length > 0 ? String(issue.path[0]) : "";
    byProperty.set(property, [...(byProperty.get(property) ?? []), issue.message]);
  }
  return [...byProperty].map(([property, reasons]) => ({ property, reason: reasons.join("; ") }));
}

import type { FleetVerifyReport } from "../verify";
import type { Paint } from "./format";

/**
 * A fleet's report for people: one line per app (its first failed check, or how many passed) and a
 * closing summary.
 *
 * @param stack - the stack the apps came from.
 * @param report - from `verifyFleet`.
 * @param paint - from `painter`.
 */
export function formatFleetReport(stack: string, report: FleetVerifyReport, paint: Paint): string {
  const width = Math.max(...report.apps.map(({ app }) => app.length));
  const lines = [
    `${paint("bold", "heroku-squadcast verify")} stack ${stack}: ${report.apps.length} apps`,
    "",
  ];
  for (const { app, report: checks } of report.apps) {
    const failed = checks.checks.find((check) => !check.ok);
    lines.push(
      failed
        ? `  ${paint("red", "✗")} ${paint("bold", app.padEnd(width))}  ${failed.name}: ${failed.detail}`
        : `  ${paint("green", "✓")} ${app.padEnd(width)}  ${paint("dim", `${checks.checks.length} checks passed`)}`,
    );
  }
  const failedApps = report.apps.filter((app) => !app.report.ok).length;
  lines.push("");
  lines.push(
    failedApps === 0
      ? paint("green", `All ${report.apps.length} apps verified.`)
      : paint("red", `${failedApps} of ${report.apps.length} apps failed.`),
  );
  return `${lines.join("\n")}\n`;
}

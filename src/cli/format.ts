import type { VerifyCheck, VerifyReport } from "../verify";

/** The ANSI styles the CLI uses. */
type Style = "green" | "red" | "bold" | "dim";

const ANSI: Readonly<Record<Style, readonly [number, number]>> = {
  green: [32, 39],
  red: [31, 39],
  bold: [1, 22],
  dim: [2, 22],
};

/** Applies a style, or nothing when colour is off. */
export type Paint = (style: Style, text: string) => string;

/**
 * A painter: ANSI colours only when writing to a terminal and `NO_COLOR` is unset or empty
 * (https://no-color.org), so piped output and CI logs stay plain.
 *
 * @param isTTY - whether the output is a terminal.
 * @param env - the environment, for `NO_COLOR`.
 */
export function painter(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): Paint {
  const colour = isTTY === true && !env.NO_COLOR;
  return (style, text) => (colour ? `\u001b[${ANSI[style][0]}m${text}\u001b[${ANSI[style][1]}m` : text);
}

const LABELS: Readonly<Record<VerifyCheck["name"], string>> = {
  service: "service",
  "alert-source": "alert source",
  webhook: "webhook",
  entities: "entities",
  deliveries: "deliveries",
  deduplication: "dedup",
  "test-event": "test event",
  "sentry-hook": "sentry hook",
};
const LABEL_WIDTH = Math.max(...Object.values(LABELS).map((label) => label.length));

/**
 * The report for people: a heading, one line per check with a mark, and a closing summary.
 *
 * @param heading - what was verified, e.g. `demo-app → demo-service (Default Team)`.
 * @param report - the report.
 * @param paint - from {@link painter}.
 */
export function formatReport(heading: string, report: VerifyReport, paint: Paint): string {
  const lines = [`${paint("bold", "heroku-squadcast verify")} ${heading}`, ""];
  for (const check of report.checks) {
    const mark = check.ok ? paint("green", "✓") : paint("red", "✗");
    const label = LABELS[check.name].padEnd(LABEL_WIDTH);
    lines.push(
      `  ${mark} ${check.ok ? label : paint("bold", label)}  ${check.ok ? paint("dim", check.detail) : check.detail}`,
    );
  }
  const failed = report.checks.filter((check) => !check.ok).length;
  const total = report.checks.length;
  lines.push("");
  lines.push(
    failed === 0
      ? paint("green", `All ${total} checks passed.`)
      : paint("red", `${failed} of ${total} checks failed.`),
  );
  return `${lines.join("\n")}\n`;
}

import { styleText } from "node:util";

type Style = Parameters<typeof styleText>[0];

/**
 * Terminal output of the demo: headings, check marks and indented blocks, coloured only on a terminal
 * that wants colour (not when piped, not with NO_COLOR).
 */
export class DemoReport {
  private failures = 0;
  private readonly colour: boolean;

  constructor(private readonly output: { write(text: string): unknown; isTTY?: boolean } = process.stdout) {
    this.colour = Boolean(output.isTTY) && !process.env.NO_COLOR;
  }

  /** A numbered step. */
  step(title: string): void {
    this.output.write(`\n${this.paint(["bold", "cyan"], `▸ ${title}`)}\n`);
  }

  /** A line of detail under a step. */
  line(text: string): void {
    this.output.write(`  ${text}\n`);
  }

  /** Text the engine printed, indented so it reads as a quote. */
  block(text: string): void {
    const lines = text.replace(/\s+$/, "").split("\n");
    this.output.write(lines.map((line) => `    ${this.paint("dim", line)}`).join("\n") + "\n");
  }

  /** A check that passed or failed; failures make the demo exit non-zero. */
  check(passed: boolean, text: string): void {
    if (!passed) this.failures++;
    this.output.write(`  ${passed ? this.paint("green", "✔") : this.paint("red", "✘")} ${text}\n`);
  }

  /** Whether every check passed. */
  get succeeded(): boolean {
    return this.failures === 0;
  }

  private paint(style: Style, text: string): string {
    return this.colour ? styleText(style, text) : text;
  }
}

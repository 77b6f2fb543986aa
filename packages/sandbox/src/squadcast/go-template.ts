/**
 * The subset of Go's text/template that the sandbox renders dedup-key templates with: text, field chains
 * (`{{.data.app.name}}`), `{{if PIPELINE}}`, `{{else if PIPELINE}}`, `{{else}}`, `{{end}}`, where a
 * pipeline is a field chain or `eq ARG ARG` / `ne ARG ARG` (ARG a field chain or a quoted string).
 * Anything else is a parse error naming what the sandbox does not render.
 *
 * Go's semantics kept: a missing map key prints `<no value>`; a field of a missing value is an execution
 * error; `if` is false for a missing value, false, 0, "" and empty collections; `eq` compares basic values.
 */

/** A template the sandbox cannot parse or execute. */
export class GoTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GoTemplateError";
  }
}

type Arg =
  | { readonly kind: "field"; readonly path: readonly string[] }
  | { readonly kind: "string"; readonly value: string };
type Pipeline =
  | { readonly kind: "value"; readonly arg: Arg }
  | { readonly kind: "eq" | "ne"; readonly left: Arg; readonly right: Arg };
type Node =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "print"; readonly arg: Arg }
  | {
      readonly kind: "if";
      readonly branches: readonly { readonly test: Pipeline; readonly body: readonly Node[] }[];
      readonly otherwise: readonly Node[];
    };

type Token =
  { readonly kind: "text"; readonly text: string } | { readonly kind: "action"; readonly source: string };

const MISSING = Symbol("missing");

/** Renders a template over a JSON value, as Squadcast renders a dedup key over an alert payload. */
export function renderGoTemplate(template: string, data: unknown): string {
  return execute(parse(template), data);
}

/** Parses a template, throwing {@link GoTemplateError} on anything outside the subset. */
export function parseGoTemplate(template: string): void {
  parse(template);
}

function tokenize(template: string): Token[] {
  const tokens: Token[] = [];
  let rest = template;
  while (rest.length > 0) {
    const open = rest.indexOf("{{");
    if (open === -1) {
      tokens.push({ kind: "text", text: rest });
      break;
    }
    if (open > 0) tokens.push({ kind: "text", text: rest.slice(0, open) });
    const close = rest.indexOf("}}", open + 2);
    if (close === -1) throw new GoTemplateError("template: unclosed action");
    tokens.push({ kind: "action", source: rest.slice(open + 2, close).trim() });
    rest = rest.slice(close + 2);
  }
  return tokens;
}

function parse(template: string): Node[] {
  const tokens = tokenize(template);
  let index = 0;
  const parseList = (stopAt: readonly string[]): { nodes: Node[]; stop: string | undefined } => {
    const nodes: Node[] = [];
    while (index < tokens.length) {
      const token = tokens[index];
      if (token.kind === "text") {
        nodes.push({ kind: "text", text: token.text });
        index += 1;
        continue;
      }
      const words = token.source;
      const keyword = stopAt.find((stop) => words === stop || words.startsWith(`${stop} `));
      if (keyword !== undefined) return { nodes, stop: words };
      index += 1;
      if (words.startsWith("if ")) {
        nodes.push(parseIf(words.slice(3)));
        continue;
      }
      nodes.push({ kind: "print", arg: parseArg(words) });
    }
    return { nodes, stop: undefined };
  };
  const parseIf = (firstTest: string): Node => {
    const branches: { test: Pipeline; body: Node[] }[] = [];
    let test = parsePipeline(firstTest);
    for (;;) {
      const { nodes, stop } = parseList(["else", "end"]);
      if (stop === undefined) throw new GoTemplateError("template: unexpected EOF: if without end");
      index += 1;
      branches.push({ test, body: nodes });
      if (stop === "end") return { kind: "if", branches, otherwise: [] };
      if (stop.startsWith("else if ")) {
        test = parsePipeline(stop.slice("else if ".length));
        continue;
      }
      if (stop !== "else") throw new GoTemplateError(`template: unsupported action {{${stop}}}`);
      const tail = parseList(["end"]);
      if (tail.stop !== "end") throw new GoTemplateError("template: unexpected EOF: else without end");
      index += 1;
      return { kind: "if", branches, otherwise: tail.nodes };
    }
  };
  const { nodes, stop } = parseList(["else", "end"]);
  if (stop !== undefined) throw new GoTemplateError(`template: unexpected {{${stop}}}`);
  return nodes;
}

function parsePipeline(source: string): Pipeline {
  const words = splitWords(source);
  if (words.length === 1) return { kind: "value", arg: parseArg(words[0]) };
  if (words.length === 3 && (words[0] === "eq" || words[0] === "ne")) {
    return { kind: words[0], left: parseArg(words[1]), right: parseArg(words[2]) };
  }
  throw new GoTemplateError(`template: the sandbox does not render the pipeline "${source}"`);
}

function parseArg(source: string): Arg {
  if (/^"(?:[^"\\]|\\.)*"$/.test(source)) return { kind: "string", value: JSON.parse(source) as string };
  if (source === ".") return { kind: "field", path: [] };
  if (/^(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(source))
    return { kind: "field", path: source.slice(1).split(".") };
  throw new GoTemplateError(`template: the sandbox does not render "${source}"`);
}

function splitWords(source: string): string[] {
  return source.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
}

function execute(nodes: readonly Node[], data: unknown): string {
  let out = "";
  for (const node of nodes) {
    if (node.kind === "text") out += node.text;
    else if (node.kind === "print") out += print(resolve(node.arg, data));
    else {
      const branch = node.branches.find((candidate) => truthy(evaluate(candidate.test, data)));
      out += execute(branch?.body ?? node.otherwise, data);
    }
  }
  return out;
}

function evaluate(pipeline: Pipeline, data: unknown): unknown {
  if (pipeline.kind === "value") return resolve(pipeline.arg, data);
  const left = resolve(pipeline.left, data);
  const right = resolve(pipeline.right, data);
  for (const value of [left, right]) {
    if (value === MISSING || (typeof value === "object" && value !== null)) {
      throw new GoTemplateError(
        `template: error calling ${pipeline.kind}: incompatible types for comparison`,
      );
    }
  }
  return pipeline.kind === "eq" ? left === right : left !== right;
}

function resolve(arg: Arg, data: unknown): unknown {
  if (arg.kind === "string") return arg.value;
  let value: unknown = data;
  for (const [position, key] of arg.path.entries()) {
    if (value === MISSING || value === null) {
      throw new GoTemplateError(
        `template: nil pointer evaluating interface {}.${arg.path.slice(position).join(".")}`,
      );
    }
    if (typeof value !== "object" || Array.isArray(value)) {
      throw new GoTemplateError(`template: can't evaluate field ${key} in type ${typeof value}`);
    }
    const record = value as Record<string, unknown>;
    value = Object.prototype.hasOwnProperty.call(record, key) ? record[key] : MISSING;
  }
  return value;
}

function truthy(value: unknown): boolean {
  if (value === MISSING || value === null || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value as object).length > 0;
  return true;
}

function print(value: unknown): string {
  if (value === MISSING || value === null) return "<no value>";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

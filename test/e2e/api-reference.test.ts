import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { TYPEDOC } from "./harness/global-setup";

// The API reference that ships in the package (docs/api/, written by `npm run docs` in `prepack`): typedoc
// with the repository's typedoc.json, which treats every warning as an error, so an exported field without
// a comment, a type the API hands out but does not export, or a broken {@link} fails here by name. Writes
// to a directory of its own, not to docs/api/, which the consumer suites pack meanwhile.

const execFileAsync = promisify(execFile);
const repositoryRoot = path.resolve(__dirname, "../..");

/** The public entry points, as scripts/api-report.js takes them, with the module name typedoc gives each. */
const ENTRY_POINTS = [
  { declarations: "dist/index.d.ts", module: "pulumi-heroku-squadcast" },
  { declarations: "dist/policy/index.d.ts", module: "pulumi-heroku-squadcast/policy" },
];

/** One exported name, as scripts/api-report.js prints it: `interface heroku.AppWebhookArgs`. */
interface PublicExport {
  readonly kind: string;
  /** The namespaces it sits in, outermost first. */
  readonly namespaces: readonly string[];
  readonly name: string;
}

/**
 * Every name each entry point exports (namespaces expanded), by declaration file, from the build the
 * global setup keeps current.
 */
async function publicExports(): Promise<Map<string, PublicExport[]>> {
  const { stdout } = await execFileAsync(
    process.execPath,
    ["scripts/api-report.js", ...ENTRY_POINTS.map((entry) => entry.declarations)],
    { cwd: repositoryRoot },
  );
  const exports = new Map<string, PublicExport[]>();
  let current: PublicExport[] = [];
  for (const line of stdout.split("\n")) {
    const heading = /^# (\S+): \d+ exported names$/.exec(line);
    if (heading) exports.set(heading[1]!, (current = []));
    else if (line.startsWith("# ")) break;
    else if (line !== "") {
      const [kind, qualified] = line.split(" ") as [string, string];
      const parts = qualified.split(".");
      current.push({ kind, namespaces: parts.slice(0, -1), name: parts[parts.length - 1]! });
    }
  }
  return exports;
}

/**
 * The text of a page's Markdown headings, without the escapes typedoc puts before `_` and the like and the
 * strike-through of a deprecated name.
 */
function headingsOf(page: string): string[] {
  return page
    .split("\n")
    .filter((line) => /^#{1,6} /.test(line))
    .map((line) =>
      line
        .replace(/^#+ /, "")
        .replace(/^~~(.*)~~$/, "$1")
        .replace(/\\(.)/g, "$1"),
    );
}

/** typedoc with the repository's options, writing to `out`; resolves with its exit code and output. */
async function runTypedoc(out: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [TYPEDOC, "--out", out], {
      cwd: repositoryRoot,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, output: `${failure.stdout ?? ""}${failure.stderr ?? ""}` };
  }
}

describe("the API reference (typedoc, Markdown)", () => {
  let out: string;
  let typedoc: { code: number; output: string };
  let exportsByEntry: Map<string, PublicExport[]>;

  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "heroku-squadcast-api-reference-"));
    [typedoc, exportsByEntry] = await Promise.all([runTypedoc(out), publicExports()]);
  }, 180_000);

  afterAll(() => {
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  test("typedoc.json treats warnings as errors and writes Markdown", () => {
    const options = JSON.parse(fs.readFileSync(path.join(repositoryRoot, "typedoc.json"), "utf8")) as {
      treatWarningsAsErrors?: boolean;
      plugin?: string[];
    };
    expect(options.treatWarningsAsErrors).toBe(true);
    expect(options.plugin).toContain("typedoc-plugin-markdown");
  });

  test("typedoc succeeds with no warning and no error", () => {
    const problems = typedoc.output.split("\n").filter((line) => /\[(warning|error)\]/.test(line));
    expect(problems).toEqual([]);
    expect(typedoc.code).toBe(0);
    expect(fs.existsSync(path.join(out, "README.md"))).toBe(true);
    expect(fs.existsSync(path.join(out, "index.html"))).toBe(false);
  });

  test.each(ENTRY_POINTS)("every export of $declarations has a page or a heading", (entry) => {
    const exports = exportsByEntry.get(entry.declarations) ?? [];
    expect(exports.length).toBeGreaterThan(5);
    const undocumented = exports.filter((exported) => {
      // A module's or namespace's page lists what it re-exports under a heading each; everything else
      // gets a page of its own, in a folder per kind (classes/, interfaces/, functions/, ...).
      const container = path.join(
        out,
        entry.module,
        ...exported.namespaces.map((name) => `namespaces/${name}`),
      );
      const ownPages =
        exported.kind === "namespace"
          ? [path.join(container, "namespaces", exported.name, "README.md")]
          : fs
              .readdirSync(container, { withFileTypes: true })
              .filter((folder) => folder.isDirectory())
              .map((folder) => path.join(container, folder.name, `${exported.name}.md`));
      const page = ownPages.find((file) => fs.existsSync(file));
      if (page !== undefined) {
        // "Class: AppWebhook", "Function: discover()", "Interface: ServiceById<Value>"
        const title = (headingsOf(fs.readFileSync(page, "utf8"))[0] ?? "").replace(/(\(\)|<.*>)$/, "");
        return !(title === exported.name || title.endsWith(`: ${exported.name}`));
      }
      const listing = path.join(container, "README.md");
      return !(
        fs.existsSync(listing) && headingsOf(fs.readFileSync(listing, "utf8")).includes(exported.name)
      );
    });
    expect(undocumented).toEqual([]);
  });

  test("the entry page links both modules", () => {
    const index = fs.readFileSync(path.join(out, "README.md"), "utf8");
    for (const entry of ENTRY_POINTS) expect(index).toContain(`](${entry.module}/README.md)`);
  });
});

import { execFileSync } from "node:child_process";
import * as path from "node:path";

// The published declarations reach no module of the package's own dependencies. Were a public .d.ts to
// import zod, axios or bottleneck, a project compiling with Pulumi's template tsconfig (no esModuleInterop,
// no skipLibCheck) would type-check zod's declaration files and fail with 63 TS1259 errors. Reads the build
// that the e2e global setup keeps current, through scripts/api-report.js.

const repositoryRoot = path.resolve(__dirname, "../..");
const ENTRY_POINTS = ["dist/index.d.ts", "dist/provider/implementations.d.ts", "dist/policy/index.d.ts"];

/** The modules outside the package that the declarations of `entries` reach, each with the files. */
function outsideModules(entries: readonly string[]): Map<string, string> {
  const report = execFileSync(process.execPath, ["scripts/api-report.js", ...entries], {
    cwd: repositoryRoot,
    encoding: "utf8",
  });
  const section = report.split("# modules outside the package reached by the declarations\n")[1];
  if (section === undefined) throw new Error(`api-report printed no module section:\n${report}`);
  const modules = new Map<string, string>();
  for (const line of section.split("\n").filter(Boolean)) {
    const colon = line.indexOf(": ");
    modules.set(line.slice(0, colon), line.slice(colon + 2));
  }
  return modules;
}

test("the main entry's declarations reach @pulumi/pulumi and nothing else outside the package", () => {
  const modules = outsideModules(["dist/index.d.ts"]);
  expect([...modules.keys()]).toEqual(["@pulumi/pulumi"]);
});

test("no entry point's declarations reach zod, axios, bottleneck or another dependency", () => {
  const modules = outsideModules(ENTRY_POINTS);
  // @pulumi/policy is the (optional) peer that the ./policy entry is written against.
  expect([...modules.keys()].sort()).toEqual(["@pulumi/policy", "@pulumi/pulumi"]);
  expect(modules.get("@pulumi/policy")).toMatch(/^dist\/policy\//);
});

test("the API clients' wire types declare their shapes without importing zod or any other module", () => {
  // The zod schemas live beside them in schemas.ts; were an interface to move back next to its schema,
  // the first public declaration that names it would reach zod.
  const modules = outsideModules(["dist/clients/heroku/types.d.ts", "dist/clients/squadcast/types.d.ts"]);
  expect([...modules.keys()]).toEqual([]);
});

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildIsStale } from "../../e2e/harness/global-setup";

// The e2e suites run the built package: a source newer than its build must trigger a build first.
describe("buildIsStale", () => {
  let root: string;
  const write = (file: string, at: number) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), "x");
    fs.utimesSync(path.join(root, file), at, at);
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "stale-build-"));
    write("src/heroku/app-webhook.ts", 1000);
    write("packages/sandbox/src/server.ts", 1000);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test("a missing build is stale", () => {
    expect(buildIsStale(root)).toBe(true);
  });

  test("a build newer than every source is current", () => {
    write("dist/provider/implementations.js", 2000);
    write("packages/sandbox/dist/index.js", 2000);
    expect(buildIsStale(root)).toBe(false);
  });

  test.each([["src/heroku/app-webhook.ts"], ["packages/sandbox/src/server.ts"]])(
    "editing %s after the build makes it stale",
    (source) => {
      write("dist/provider/implementations.js", 2000);
      write("packages/sandbox/dist/index.js", 2000);
      write(source, 3000);
      expect(buildIsStale(root)).toBe(true);
    },
  );
});

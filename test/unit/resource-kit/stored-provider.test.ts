import * as fs from "node:fs";
import * as path from "node:path";
import {
  STUB_MODULE_PATHS,
  storedAsRequire,
  storedProvider,
} from "../../../src/resource-kit/stored-provider";
import {
  ALERT_SOURCE_TYPE,
  APP_WEBHOOK_TYPE,
  DEDUP_KEY_OVERLAY_TYPE,
  RELEASE_WEBHOOK_TYPE,
} from "../../../src/resource-kit/resource-types";
import { providerStub } from "../../../src/resource-kit/stub";

const repositoryRoot = path.resolve(__dirname, "../../..");
const TYPES = [APP_WEBHOOK_TYPE, ALERT_SOURCE_TYPE, RELEASE_WEBHOOK_TYPE, DEDUP_KEY_OVERLAY_TYPE];

// Which form of the stub a resource hands the engine: the module itself where Pulumi's serializer will
// store it as a require by package name, a copy (written out function by function) anywhere else.
describe("storedAsRequire", () => {
  const project = "/work/project";
  const installed = (type: (typeof TYPES)[number]) =>
    path.join(project, "node_modules", "pulumi-heroku-squadcast", STUB_MODULE_PATHS[type.token]!);

  test.each(TYPES)("$token: the package installed in the project's node_modules", (type) => {
    expect(storedAsRequire(installed(type), type, project)).toBe(true);
  });

  test("a program in a subdirectory of the project, as a monorepo's workspace has it", () => {
    expect(storedAsRequire(installed(APP_WEBHOOK_TYPE), APP_WEBHOOK_TYPE, path.join(project, "infra"))).toBe(
      true,
    );
  });

  test.each([
    ["this repository's sources", path.join(repositoryRoot, "src/resource-kit/stub-heroku-app-webhook.ts")],
    [
      "a linked checkout (npm link resolves to it)",
      "/home/me/pulumi-heroku-squadcast/dist/resource-kit/stub-heroku-app-webhook.js",
    ],
    [
      "pnpm's store, whose path would not resolve by package name",
      `${project}/node_modules/.pnpm/pulumi-heroku-squadcast@0.1.0/node_modules/pulumi-heroku-squadcast/dist/resource-kit/stub-heroku-app-webhook.js`,
    ],
    [
      "a build under another package's node_modules folder",
      `${project}/node_modules/.cache/bench/node_modules/pulumi-heroku-squadcast/dist/resource-kit/stub-heroku-app-webhook.js`,
    ],
    ["another type's stub module", installed(ALERT_SOURCE_TYPE)],
  ])("not for %s", (_where, file) => {
    expect(storedAsRequire(file, APP_WEBHOOK_TYPE, project)).toBe(false);
  });
});

describe("storedProvider", () => {
  test.each(TYPES)("$token: from the sources, a copy of the stub with every method", (type) => {
    const provider = storedProvider(type);
    const stub = providerStub(type.token);
    expect(Object.keys(provider)).toEqual(Object.keys(stub));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(
      path.join(
        repositoryRoot,
        "src",
        STUB_MODULE_PATHS[type.token]!.replace(/^dist\//, "").replace(/\.js$/, ""),
      ),
    );
    expect(provider).not.toBe(module);
  });

  test.each(TYPES)(
    "$token: package.json exports the stub module at its own path, and the source exists",
    (type) => {
      const manifest = JSON.parse(fs.readFileSync(path.join(repositoryRoot, "package.json"), "utf8")) as {
        exports: Record<string, unknown>;
      };
      const modulePath = `./${STUB_MODULE_PATHS[type.token]}`;
      expect(manifest.exports[modulePath]).toBe(modulePath);
      const source = path.join(
        repositoryRoot,
        "src",
        modulePath.replace(/^\.\/dist\//, "").replace(/\.js$/, ".ts"),
      );
      expect(fs.existsSync(source)).toBe(true);
    },
  );
});

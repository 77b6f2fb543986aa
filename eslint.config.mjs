import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

// Dependencies run one way: components → resources → the resource kit → clients → HTTP. Each layer is a
// folder, and each folder's rule names what it may import from outside itself. The composition root
// (src/provider) imports every resource; nothing imports it: the serialized stub loads it at run time by
// package name.
const compositionRoot = {
  group: ["**/provider/*", "**/provider"],
  message:
    "src/provider is the composition root, loaded by package name at run time: import from src/resource-kit",
};
/** Forbids imports that leave `depth` folders up to reach anything but the named folders of src/. */
function onlyFrom(depth, allowed, message) {
  return { regex: `^(\\.\\./){${depth}}(?!(${allowed.join("|")})(/|$))`, message };
}
const foundation = ["http", "config", "mapping"];
const layers = {
  "src/http/**/*.ts": onlyFrom(1, [], "src/http is the bottom layer: it imports nothing of the library"),
  "src/config/**/*.ts": onlyFrom(1, [], "src/config imports nothing of the library"),
  "src/mapping/**/*.ts": onlyFrom(
    1,
    [],
    "src/mapping is pure data and functions: it imports nothing of the library",
  ),
  "src/clients/**/*.ts": onlyFrom(
    2,
    foundation,
    "the API clients know nothing of Pulumi or the resources: HTTP, config and mapping only",
  ),
  "src/resource-kit/**/*.ts": onlyFrom(
    1,
    ["clients", ...foundation],
    "the resource kit sits below the resources: clients, HTTP, config and mapping only",
  ),
  "src/{heroku,squadcast,sentry}/**/*.ts": onlyFrom(
    1,
    ["heroku", "squadcast", "sentry", "resource-kit", "clients", ...foundation],
    "resources sit below the components, the CLIs, verify and discover",
  ),
  "src/{verify,discover}/**/*.ts": onlyFrom(
    1,
    ["verify", "discover", "clients", ...foundation],
    "verify and discover use the API clients, not the resources",
  ),
  "src/policy/**/*.ts": onlyFrom(1, ["mapping"], "the policy pack reads resource inputs: mapping only"),
};

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "docs/api/", "sdk/", "**/*.js", "**/*.mjs"] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/provider/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [compositionRoot] }] },
  },
  ...Object.entries(layers).map(([files, pattern]) => ({
    files: [files],
    rules: { "no-restricted-imports": ["error", { patterns: [compositionRoot, pattern] }] },
  })),
  {
    // The sandbox is the tests' independent oracle: it must not reuse the library's code.
    files: ["packages/sandbox/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["pulumi-heroku-squadcast", "pulumi-heroku-squadcast/*"],
              message: "The sandbox must not import the library it tests.",
            },
            {
              regex: "^(\\.\\./){2,}",
              message: "The sandbox must not import files outside its own package.",
            },
          ],
        },
      ],
    },
  },
);

import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

// Dependencies run one way: components → resources → the resource kit → clients → HTTP. The composition
// root (src/provider) imports every resource; nothing imports it: the serialized stub loads it at run
// time by package name.
const compositionRoot = {
  group: ["**/provider/*", "**/provider"],
  message:
    "src/provider is the composition root, loaded by package name at run time: import from src/resource-kit",
};
const resources = {
  group: [
    "**/heroku/app-webhook",
    "**/squadcast/alert-source",
    "**/sentry/release-webhook",
    "**/components",
    "**/components/*",
  ],
  message:
    "the resource kit and the clients sit below the resources and components: they must not import them",
};
const entryLayers = {
  group: ["**/cli", "**/cli/*", "**/verify", "**/verify/*", "**/demo/*", "**/engine/*"],
  message: "the library does not depend on its CLIs, verify, the demo or the engine harness",
};

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "docs/api/", "**/*.js", "**/*.mjs"] },
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
  {
    files: ["src/heroku/**/*.ts", "src/squadcast/**/*.ts", "src/sentry/**/*.ts", "src/mapping/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [compositionRoot, entryLayers] }] },
  },
  {
    files: [
      "src/resource-kit/**/*.ts",
      "src/http/**/*.ts",
      "src/config/**/*.ts",
      "src/mapping/**/*.ts",
      "src/heroku/client.ts",
      "src/heroku/types.ts",
      "src/squadcast/client.ts",
      "src/squadcast/types.ts",
      "src/squadcast/auth.ts",
      "src/squadcast/webhook-url.ts",
    ],
    rules: { "no-restricted-imports": ["error", { patterns: [compositionRoot, resources, entryLayers] }] },
  },
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

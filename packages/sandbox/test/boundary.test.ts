import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as path from "node:path";

// The sandbox is the oracle of the library's tests, so it must not agree with the library by
// construction: no file of the package may import the library or anything outside the package.

const packageRoot = path.resolve(__dirname, "..");
const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
};
const allowedPackages = new Set([...Object.keys(manifest.dependencies), ...builtinModules]);

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory())
      return entry.name === "node_modules" || entry.name === "dist" ? [] : sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** The imports in a file's text that leave the package or name a package it does not depend on. */
function importsOutside(file: string, text: string): string[] {
  const pattern = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;
  return [...text.matchAll(pattern)]
    .map((match) => match[1]!)
    .filter((specifier) => {
      if (specifier.startsWith(".")) {
        return path.relative(packageRoot, path.resolve(path.dirname(file), specifier)).startsWith("..");
      }
      const bare = specifier.replace(/^node:/, "");
      const parts = bare.split("/");
      return !allowedPackages.has(bare.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!);
    });
}

// This file is left out: its last test quotes forbidden imports as text.
const files = [
  ...sourceFiles(path.join(packageRoot, "src")),
  ...sourceFiles(path.join(packageRoot, "test")),
].filter((file) => file !== __filename);

describe("the sandbox package's import boundary", () => {
  it("finds the package's files", () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files.map((file) => [path.relative(packageRoot, file), file]))(
    "%s imports only its own package, its dependencies and Node",
    (_name, file) => {
      expect(importsOutside(file, fs.readFileSync(file, "utf8"))).toEqual([]);
    },
  );

  it("catches an import of the library's source or package, and passes the package's own", () => {
    const file = path.join(packageRoot, "src/heroku/probe.ts");
    const text = [
      'import { classify } from "../../../../src/mapping/classify";',
      'import { AppWebhook } from "pulumi-heroku-squadcast";',
      'const entities = require("../../../../src/mapping/entities");',
      'import { newUuid } from "../ids";',
      'import { createHmac } from "node:crypto";',
      'import fastify from "fastify";',
    ].join("\n");
    expect(importsOutside(file, text)).toEqual([
      "../../../../src/mapping/classify",
      "pulumi-heroku-squadcast",
      "../../../../src/mapping/entities",
    ]);
  });
});

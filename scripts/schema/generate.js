#!/usr/bin/env node
// Generates the provider plugin's Pulumi package schema (schema.json) from the TypeScript declarations:
// every description is the TSDoc of the class, interface, property or type alias it describes, property
// names and optionality are those of the Args interfaces and resource classes, and enum values are
// those of the string-literal types. scripts/schema/layout.js adds the wire types, secrets and import
// ids. Any disagreement between the layout and the declarations (a property on one side only, a
// different optionality) is an error that names the property: the schema cannot drift from the Args.
//
// Usage: node scripts/schema/generate.js           writes schema.json
//        node scripts/schema/generate.js --check   exits 1 when schema.json is not what it would write
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");
const defaultLayout = require("./layout");

const root = path.resolve(__dirname, "../..");
const SCHEMA_FILE = path.join(root, "schema.json");

/** Reads the declarations once; `layout` may be changed by tests to show a disagreement. */
function generateSchema(layout = defaultLayout, { version = packageVersion() } = {}) {
  const files = new Set([
    ...layout.enums.map((e) => e.file),
    ...layout.objects.map((o) => o.file),
    ...layout.resources.map((r) => r.file),
    ...layout.components.flatMap((c) => [c.file, c.argsFile ?? c.file]),
    "src/config/settings.ts",
  ]);
  const program = ts.createProgram(
    [...files].map((file) => path.join(root, file)),
    {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
    },
  );
  const checker = program.getTypeChecker();
  const problems = [];
  const token = (short) => `${layout.PACKAGE}:${short}`;

  function declared(file, name) {
    const source = program.getSourceFile(path.join(root, file));
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    const symbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === name);
    if (!symbol) throw new Error(`${file} exports no ${name}`);
    return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  }

  function describe(symbol) {
    const text = ts.displayPartsToString(symbol.getDocumentationComment(checker));
    const defaults = symbol
      .getJsDocTags(checker)
      .filter((tag) => tag.name === "defaultValue")
      .map((tag) => `Default: ${sentence(ts.displayPartsToString(tag.text))}`);
    return markdown([text, ...defaults].filter(Boolean).join("\n\n"));
  }

  function isDeprecated(symbol) {
    return symbol.getJsDocTags(checker).some((tag) => tag.name === "deprecated");
  }

  function typeSpec(spec, where) {
    if (typeof spec === "string") return { type: spec };
    if (spec.type) return { type: spec.type };
    if (spec.ref) {
      if (!knownTypes.has(spec.ref)) problems.push(`${where}: no type ${spec.ref} in the layout`);
      return { $ref: `#/types/${token(spec.ref)}` };
    }
    if (spec.resource) {
      if (!layout.resources.some((resource) => resource.token === spec.resource)) {
        problems.push(`${where}: no resource ${spec.resource} in the layout`);
      }
      return { $ref: `#/resources/${token(spec.resource)}` };
    }
    if (spec.array) return { type: "array", items: typeSpec(spec.array, where) };
    if (spec.map) return { type: "object", additionalProperties: typeSpec(spec.map, where) };
    if (spec.oneOf) return { oneOf: spec.oneOf.map((member) => typeSpec(member, where)) };
    throw new Error(`${where}: unknown type spec ${JSON.stringify(spec)}`);
  }

  function property(spec, symbol, where) {
    return {
      ...typeSpec(spec, where),
      ...(symbol ? { description: describe(symbol) } : {}),
      ...(spec.secret ? { secret: true } : {}),
    };
  }

  /** Compares the layout's properties with the declared ones; returns the schema properties. */
  function properties(declaredSymbols, specs, where, typeScriptOnly = {}) {
    const byName = new Map(declaredSymbols.map((symbol) => [symbol.name, symbol]));
    for (const [name, symbol] of byName) {
      if (isDeprecated(symbol) || name in typeScriptOnly) continue;
      if (!(name in specs)) problems.push(`${where}.${name} is declared in TypeScript but not in the schema`);
    }
    const out = {};
    for (const [name, spec] of Object.entries(specs)) {
      const symbol = byName.get(name);
      if (!symbol) problems.push(`${where}.${name} is in the schema but not declared in TypeScript`);
      else if (isDeprecated(symbol))
        problems.push(`${where}.${name} is deprecated: leave it out of the schema`);
      out[name] = property(spec, symbol, `${where}.${name}`);
    }
    return out;
  }

  function required(declaredSymbols, specs) {
    return declaredSymbols
      .filter((symbol) => symbol.name in specs && !(symbol.flags & ts.SymbolFlags.Optional))
      .map((symbol) => symbol.name)
      .sort();
  }

  /** The properties of an Args type (an interface or a union of them, whose common properties count). */
  function argsProperties(file, name) {
    const symbol = declared(file, name);
    return checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol));
  }

  /** A class's own outputs: its `Output` fields, not those every resource has. */
  function outputProperties(file, className, where, typeScriptOnly) {
    const type = checker.getDeclaredTypeOfSymbol(declared(file, className));
    return checker.getPropertiesOfType(type).filter((symbol) => {
      if (["urn", "id"].includes(symbol.name) || symbol.name.startsWith("__")) return false;
      if (symbol.flags & ts.SymbolFlags.Method) return false;
      const declaration = symbol.valueDeclaration;
      const parentClass = declaration && declaration.parent && declaration.parent.name;
      if (parentClass && ["Resource", "CustomResource", "ComponentResource"].includes(parentClass.text)) {
        return false;
      }
      const modifiers = ts.getCombinedModifierFlags(declaration);
      if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return false;
      if (!isOutput(checker.getTypeOfSymbol(symbol)) && !(symbol.name in typeScriptOnly)) {
        problems.push(
          `${where}.${symbol.name} is a public field that is no Output: list it in typeScriptOnly`,
        );
        return false;
      }
      return !(symbol.name in typeScriptOnly);
    });
  }

  function isOutput(type) {
    if (type.aliasSymbol?.name === "Output") return true;
    const members = type.isUnion() ? type.types : [type];
    // Output<boolean> is the union Output<false> | Output<true>.
    return members.every((member) => /^Output(Instance)?</.test(checker.typeToString(member)));
  }

  const knownTypes = new Set([...layout.enums.map((e) => e.token), ...layout.objects.map((o) => o.token)]);
  const types = {};
  for (const { token: short, file, alias } of layout.enums) {
    const symbol = declared(file, alias);
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    const members = type.isUnion() ? type.types : [type];
    const values = members.map((member) => member.value);
    if (values.some((value) => typeof value !== "string"))
      problems.push(`${alias} is not a union of strings`);
    types[token(short)] = {
      type: "string",
      description: describe(symbol),
      enum: values.map((value) => ({ value })),
    };
  }
  for (const object of layout.objects) {
    const symbols = [];
    for (const name of object.interfaces) {
      for (const symbol of argsProperties(object.file, name)) {
        if (!symbols.some((known) => known.name === symbol.name)) symbols.push(symbol);
      }
    }
    const described = declared(object.file, object.alias ?? object.interfaces[0]);
    types[token(object.token)] = {
      type: "object",
      description: describe(described),
      properties: properties(symbols, object.properties, object.token, object.typeScriptOnly),
      // A union's properties are each required by one member only: check enforces the combination.
      required: object.interfaces.length === 1 ? required(symbols, object.properties) : [],
    };
  }

  const resources = {};
  for (const entry of [...layout.resources, ...layout.components]) {
    const isComponent = layout.components.includes(entry);
    const typeScriptOnly = entry.typeScriptOnly ?? {};
    const inputSymbols = argsProperties(entry.argsFile ?? entry.file, entry.args);
    const outputSymbols = outputProperties(entry.file, entry.className, entry.token, typeScriptOnly);
    const description = [describe(declared(entry.file, entry.className))];
    if (entry.importId) description.push(`## Import\n\nThe import id is ${entry.importId}`);
    resources[token(entry.token)] = {
      ...(isComponent ? { isComponent: true } : {}),
      description: description.join("\n\n"),
      inputProperties: properties(inputSymbols, entry.inputs, `${entry.token} args`, typeScriptOnly),
      requiredInputs: required(inputSymbols, entry.inputs),
      properties: properties(outputSymbols, entry.outputs, `${entry.token} outputs`),
      required: required(outputSymbols, entry.outputs),
    };
  }

  const variables = {};
  for (const { name, key, settings, spec } of layout.config) {
    const [interfaceName, field] = settings;
    const symbol = argsProperties("src/config/settings.ts", interfaceName).find((s) => s.name === field);
    if (!symbol) problems.push(`config ${name}: ${interfaceName}.${field} is not declared`);
    const described = property(spec, symbol, `config ${name}`);
    described.description =
      `${described.description ?? ""}\n\nThe TypeScript resources read it from \`${key}\`.`.trim();
    variables[name] = described;
  }

  if (problems.length > 0) {
    const error = new Error(
      `The schema and the TypeScript declarations disagree:\n- ${problems.join("\n- ")}`,
    );
    error.problems = problems;
    throw error;
  }
  return {
    name: layout.PACKAGE,
    displayName: "Heroku → Squadcast",
    version,
    description:
      "Heroku app webhooks wired into Squadcast incidents and Sentry releases: the resources and components " +
      "of the pulumi-heroku-squadcast npm package, served by its provider plugin to every language.",
    keywords: ["pulumi", "heroku", "squadcast", "sentry", "kind/component", "category/monitoring"],
    license: "Apache-2.0",
    repository: "https://github.com/pulumi-heroku-squadcast/pulumi-heroku-squadcast",
    meta: { moduleFormat: "(.*)" },
    config: { variables },
    provider: {
      description:
        "The heroku-squadcast provider: credentials and endpoints (each also read from its environment variable).",
      inputProperties: variables,
    },
    types,
    resources,
  };
}

/** A `@defaultValue` ends without a full stop in TSDoc; in a description it ends a sentence. */
function sentence(text) {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

/** TSDoc's `{@link X}` and `{@link X | text}` as Markdown code, the way the README writes names. */
function markdown(text) {
  return text.replace(
    /\{@link\s+([^}|]+?)\s*(?:\|\s*([^}]+))?\}/g,
    (_, target, label) => `\`${(label ?? target).trim()}\``,
  );
}

function packageVersion() {
  return require(path.join(root, "package.json")).version;
}

function render(schema) {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

module.exports = { generateSchema, render, SCHEMA_FILE };

if (require.main === module) {
  const text = render(generateSchema());
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, "utf8") : "";
    if (current !== text) {
      console.error("schema.json is out of date: run `node scripts/schema/generate.js`");
      process.exit(1);
    }
  } else {
    fs.writeFileSync(SCHEMA_FILE, text);
  }
}

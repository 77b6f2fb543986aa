import * as fs from "node:fs";
import * as path from "node:path";
import { PLUGIN_CONFIG_NAMESPACE } from "../../config";

/** The package name: the plugin is `pulumi-resource-<name>`, and every type token starts with `<name>:`. */
export const PACKAGE_NAME = PLUGIN_CONFIG_NAMESPACE;

/** As much of a Pulumi package schema as the plugin reads. */
export interface PackageSchema {
  readonly name: string;
  readonly version: string;
  readonly resources: Readonly<
    Record<
      string,
      {
        readonly isComponent?: boolean;
        readonly inputProperties: Readonly<Record<string, { readonly secret?: boolean }>>;
        readonly properties: Readonly<Record<string, { readonly secret?: boolean }>>;
      }
    >
  >;
}

// Generated from the TypeScript declarations by scripts/schema/generate.js and shipped at the package's
// root (two levels above both src/provider/plugin and dist/provider/plugin).
const SCHEMA_FILE = path.join(__dirname, "..", "..", "..", "schema.json");

let text: string | undefined;

/** The schema's text, as GetSchema serves it. */
export function schemaText(): string {
  text ??= fs.readFileSync(SCHEMA_FILE, "utf8");
  return text;
}

let parsed: PackageSchema | undefined;

/** The schema, parsed once: every child a component registers reads its outputs from it. */
export function packageSchema(): PackageSchema {
  parsed ??= JSON.parse(schemaText()) as PackageSchema;
  return parsed;
}

/** The names of a resource's properties that the schema marks secret (inputs and outputs). */
export function secretPropertiesOf(token: string): { inputs: string[]; outputs: string[] } {
  const resource = packageSchema().resources[token];
  if (!resource) throw new Error(`the schema has no resource ${token}`);
  const secret = (properties: PackageSchema["resources"][string]["properties"]) =>
    Object.keys(properties).filter((name) => properties[name].secret === true);
  return { inputs: secret(resource.inputProperties), outputs: secret(resource.properties) };
}

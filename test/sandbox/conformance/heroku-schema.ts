import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

// Heroku's official Platform API hyper-schema, read from the Go module cache (scripts/heroku-schema.sh
// downloads it there once; it is never copied into this repository), turned into validators of the
// request body and the response of each link of the resources the library uses.

type Json = Record<string, unknown>;

interface Link {
  readonly title: string;
  readonly href: string;
  readonly method: string;
  readonly schema?: Json;
  readonly targetSchema?: Json;
}

/** One link of the schema, ready to match a request and validate its body and response. */
export interface SchemaLink {
  /** `app-webhook Create`. */
  readonly name: string;
  readonly method: string;
  readonly pattern: RegExp;
  /** Validates a request body; undefined when the link takes none. */
  readonly request?: ValidateFunction;
  /** Validates a 2xx response strictly: every declared property present, none other; undefined when the link declares none. */
  readonly response?: ValidateFunction;
}

/** The resources whose links the library and the sandbox serve. */
export const CHECKED_RESOURCES = [
  "app",
  "team-app",
  "app-webhook",
  "app-webhook-delivery",
  "app-webhook-event",
] as const;

/** The path of schema.json in the Go module cache. */
export function herokuSchemaPath(): string {
  const script = path.resolve(__dirname, "../../../scripts/heroku-schema.sh");
  return execFileSync("bash", [script], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
}

/** A copy without draft-04 `id`s and `$schema`s, which draft-07 validators read differently. */
function withoutDraft4Identifiers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDraft4Identifiers);
  if (value === null || typeof value !== "object") return value;
  const copy: Json = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === "$schema" || (key === "id" && typeof child === "string")) continue;
    copy[key] =
      key === "properties"
        ? mapValues(child as Json, withoutDraft4Identifiers)
        : withoutDraft4Identifiers(child);
  }
  return copy;
}

/**
 * The strict reading of a response schema: an object schema that declares properties must have all of
 * them and nothing else (the schema's `strictProperties`, applied everywhere, so that an omitted or an
 * invented property of a response is caught).
 */
function strict(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strict);
  if (value === null || typeof value !== "object") return value;
  const copy: Json = {};
  for (const [key, child] of Object.entries(value)) {
    copy[key] = key === "properties" ? mapValues(child as Json, strict) : strict(child);
  }
  if (isPlainObject(copy.properties)) {
    copy.required = Object.keys(copy.properties);
    copy.additionalProperties = false;
  }
  return copy;
}

function mapValues(record: Json, map: (value: unknown) => unknown): Json {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}

function isPlainObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function newAjv(document: unknown): Ajv {
  // strict: false because the hyper-schema carries keywords of its own (`example`, `readOnly`,
  // `strictProperties`, `links`); formats are checked (uuid, date-time, uri, email).
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addSchema(document as Json, "heroku");
  return ajv;
}

/** `/apps/{(%23%2Fdefinitions%2Fapp%2Fdefinitions%2Fidentity)}/webhooks` → a regular expression. */
function hrefPattern(href: string): RegExp {
  const escaped = href
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return new RegExp(`^${escaped}$`);
}

/** Every link of {@link CHECKED_RESOURCES}, compiled. */
export function loadSchemaLinks(schemaPath = herokuSchemaPath()): SchemaLink[] {
  const document = JSON.parse(fs.readFileSync(schemaPath, "utf8")) as {
    definitions: Record<string, { links: Link[] }>;
  };
  const plain = withoutDraft4Identifiers(document) as typeof document;
  const requests = newAjv(plain);
  const responses = newAjv(strict(plain));
  return CHECKED_RESOURCES.flatMap((resource) =>
    document.definitions[resource]!.links.map((link, index): SchemaLink => {
      const pointer = `heroku#/definitions/${resource}/links/${index}`;
      return {
        name: `${resource} ${link.title}`,
        method: link.method,
        pattern: hrefPattern(link.href),
        request: link.schema ? requests.compile({ $ref: `${pointer}/schema` }) : undefined,
        response: link.targetSchema ? responses.compile({ $ref: `${pointer}/targetSchema` }) : undefined,
      };
    }),
  );
}

/** The link a request goes to, by method and path (without query). */
export function linkOf(
  links: readonly SchemaLink[],
  method: string,
  pathname: string,
): SchemaLink | undefined {
  return links.find((link) => link.method === method.toUpperCase() && link.pattern.test(pathname));
}

/** Ajv's errors as short lines, `/app/id must match format "uuid"`. */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (error) =>
      `${error.instancePath || "/"} ${error.message ?? error.keyword}${
        error.keyword === "additionalProperties" ? ` (${String(error.params.additionalProperty)})` : ""
      }`,
  );
}

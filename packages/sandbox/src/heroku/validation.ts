import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { SandboxApiError } from "../api-error";
import { WEBHOOK_ENTITIES } from "./entities";
import { APP_WEBHOOK_CREATE_SCHEMA, APP_WEBHOOK_UPDATE_SCHEMA } from "./schemas";

/** The fields a webhook create or update body may carry, once validated. */
export interface AppWebhookBody {
  /** Custom `Authorization` header for deliveries; null removes it. */
  readonly authorization?: string | null;
  /** Entities to deliver. */
  readonly include?: readonly string[];
  /** Delivery level. */
  readonly level?: "notify" | "sync";
  /** Signing secret; null asks for a generated one. */
  readonly secret?: string | null;
  /** Delivery URL. */
  readonly url?: string;
}

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true });
addFormats(ajv, ["uri"]);

const validators: Record<"create" | "update", ValidateFunction> = {
  create: ajv.compile(APP_WEBHOOK_CREATE_SCHEMA),
  update: ajv.compile(APP_WEBHOOK_UPDATE_SCHEMA),
};

/**
 * Checks a webhook create or update body against its schema and the entity list. Throws a 422
 * `invalid_params` error whose message names each offending field.
 */
export function validateAppWebhookBody(link: "create" | "update", body: unknown): AppWebhookBody {
  const validate = validators[link];
  if (!validate(body)) {
    throw invalidParams((validate.errors ?? []).map(describeSchemaError));
  }
  const problems = ((body as AppWebhookBody).include ?? []).flatMap(describeEntityProblem);
  if (problems.length > 0) throw invalidParams(problems);
  return body as AppWebhookBody;
}

function invalidParams(problems: string[]): SandboxApiError {
  return new SandboxApiError(422, [...new Set(problems)].join("; "), "invalid_params");
}

function describeEntityProblem(entity: string): string[] {
  // Assumption: Heroku refuses an entity outside Dev Center's list with 422 invalid_params; the
  // message's wording is the sandbox's.
  return WEBHOOK_ENTITIES.has(entity) ? [] : [`include: unknown entity ${entity}`];
}

function describeSchemaError(error: ErrorObject): string {
  const field = fieldName(error);
  switch (error.keyword) {
    case "required":
      return `${field}: is required`;
    case "additionalProperties":
      return `${field}: is not an allowed property`;
    case "enum":
      return `${field}: must be one of ${(error.params.allowedValues as unknown[]).join(", ")}`;
    case "type":
      return `${field}: must be ${String(error.params.type).split(",").join(" or ")}`;
    case "format":
      return `${field}: must be a valid ${error.params.format}`;
    default:
      return `${field}: ${error.message ?? "is invalid"}`;
  }
}

/** `include[0]` for `/include/0`; the missing or extra property for object-level errors. */
function fieldName(error: ErrorObject): string {
  const segments = error.instancePath.split("/").slice(1);
  if (error.keyword === "required") segments.push(String(error.params.missingProperty));
  if (error.keyword === "additionalProperties") segments.push(String(error.params.additionalProperty));
  if (segments.length === 0) return "body";
  return segments
    .map((segment, index) => (/^\d+$/.test(segment) ? `[${segment}]` : index === 0 ? segment : `.${segment}`))
    .join("");
}

import type { FastifyInstance } from "fastify";
import { SandboxApiError } from "../api-error";
import { GoTemplateError, parseGoTemplate, renderGoTemplate } from "./go-template";
import type { SquadcastService, SquadcastState } from "./state";
import type { DedupKeyOverlay } from "./dedup-key-overlay";

/**
 * Key-based deduplication ("dedup-key overlays") as Squadcast's OpenAPI specification publishes it:
 * `GET /v3/services/{serviceID}/overlays/dedup-key`, `GET/PUT/DELETE …/dedup-key/{alertSource}`,
 * `POST …/dedup-key/render`, and the service switch `GET/PATCH /v3/services/{serviceID}/config`
 * (`dedup_key_enabled`). What the specification does not say is marked "Assumption" and listed in the
 * library's docs/fidelity.md.
 */

/** The longest window Squadcast accepts, in minutes (its guide; Terraform's `duration` description). */
export const MAX_DEDUP_DURATION_MINUTES = 2880;

/**
 * The `overlay_template_type` values a PUT accepts. Assumption: the specification types the request's
 * field as a string and the stored overlay's as `"dedup_key"`; Squadcast's Terraform provider sends `"go"`.
 * Both are accepted, anything else is a 400, and the stored overlay always says `"dedup_key"`.
 */
const ACCEPTED_TEMPLATE_TYPES = new Set(["dedup_key", "go"]);

/** The user every API call acts as, for `created_by` / `updated_by`. */
const API_USER = "sandbox-api-user";

/**
 * The dedup key an ingested body renders to on a service, or undefined when the service does not
 * deduplicate it: `dedup_key_enabled` off, no overlay for the alert source, or a template that fails on
 * this body (Assumption: Squadcast then opens an incident as if there were no key).
 */
export function dedupKeyFor(
  state: SquadcastState,
  service: SquadcastService,
  shortName: string,
  body: unknown,
): { key: string; durationMinutes: number } | undefined {
  if (!service.config.dedup_key_enabled) return undefined;
  const overlay = state.dedupKeyOverlays.get(service.id)?.get(shortName);
  if (overlay === undefined) return undefined;
  try {
    return {
      key: renderGoTemplate(overlay.overlay.template, body),
      durationMinutes: overlay.overlay.duration,
    };
  } catch (error) {
    if (error instanceof GoTemplateError) return undefined;
    throw error;
  }
}

interface OverlayParams {
  id: string;
  alertSource: string;
}

/** The overlay and config endpoints; registered inside the bearer-authenticated scope. */
export function registerDedupKeyRoutes(
  app: FastifyInstance,
  state: SquadcastState,
  findService: (id: string) => SquadcastService,
): void {
  const overlaysOf = (serviceId: string): Map<string, DedupKeyOverlay> => {
    let overlays = state.dedupKeyOverlays.get(serviceId);
    if (overlays === undefined) {
      overlays = new Map();
      state.dedupKeyOverlays.set(serviceId, overlays);
    }
    return overlays;
  };
  // Assumption: the path names the alert source by its catalog shortName (as Terraform's provider sends
  // it); an unknown one is a 404.
  const findSource = (shortName: string) => {
    const source = state.catalog.find((entry) => entry.shortName === shortName);
    if (source === undefined) throw new SandboxApiError(404, `Alert source ${shortName} not found.`);
    return source;
  };

  app.get<{ Params: { id: string } }>("/v3/services/:id/config", async (request) => ({
    data: { dedup_key_enabled: findService(request.params.id).config.dedup_key_enabled },
  }));

  app.patch<{ Params: { id: string } }>("/v3/services/:id/config", async (request) => {
    const service = findService(request.params.id);
    const body = request.body as { dedup_key_enabled?: unknown } | undefined;
    if (!isRecord(body)) throw new SandboxApiError(400, "The request body must be a JSON object.");
    const enabled = body.dedup_key_enabled;
    // The specification makes the field optional: a PATCH without it changes nothing.
    if (enabled !== undefined && typeof enabled !== "boolean") {
      throw new SandboxApiError(400, "dedup_key_enabled must be a boolean.");
    }
    if (enabled !== undefined) service.config.dedup_key_enabled = enabled;
    // Assumption: the specification's 200 body is an untyped object; the sandbox answers with the config.
    return { data: { dedup_key_enabled: service.config.dedup_key_enabled } };
  });

  app.get<{ Params: { id: string } }>("/v3/services/:id/overlays/dedup-key", async (request) => ({
    data: [...(state.dedupKeyOverlays.get(findService(request.params.id).id)?.values() ?? [])],
  }));

  app.post<{ Params: { id: string } }>("/v3/services/:id/overlays/dedup-key/render", async (request) => {
    findService(request.params.id);
    const body = request.body as Record<string, unknown> | undefined;
    if (!isRecord(body) || typeof body.template !== "string" || typeof body.payload !== "string") {
      throw new SandboxApiError(
        400,
        "overlay_template_type, template and payload (a JSON string) are required.",
      );
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.payload);
    } catch {
      throw new SandboxApiError(400, "payload is not valid JSON.");
    }
    return { data: renderOrRefuse(body.template, payload) };
  });

  app.get<{ Params: OverlayParams }>("/v3/services/:id/overlays/dedup-key/:alertSource", async (request) => {
    const service = findService(request.params.id);
    const overlay = state.dedupKeyOverlays
      .get(service.id)
      ?.get(findSource(request.params.alertSource).shortName);
    // Assumption: no overlay is a 404 (Terraform's provider treats a 404 as gone).
    if (overlay === undefined) throw new SandboxApiError(404, "Dedup key overlay not found.");
    return { data: overlay };
  });

  app.put<{ Params: OverlayParams }>("/v3/services/:id/overlays/dedup-key/:alertSource", async (request) => {
    const service = findService(request.params.id);
    const source = findSource(request.params.alertSource);
    const { template, duration } = parseOverlayRequest(request.body);
    const overlays = overlaysOf(service.id);
    const now = new Date().toISOString();
    const existing = overlays.get(source.shortName);
    // PUT creates or replaces: the specification has no separate create.
    const overlay: DedupKeyOverlay = existing ?? {
      created_at: now,
      updated_at: now,
      deleted_at: null,
      org_id: state.organization.id,
      service_id: service.id,
      alert_source_version: source.version,
      alert_source_shortname: source.shortName,
      overlay_template_type: "dedup_key",
      overlay: { template, duration },
      created_by: API_USER,
      updated_by: API_USER,
      alert_source_type: source.type,
    };
    overlay.overlay = { template, duration };
    overlay.updated_at = now;
    overlay.updated_by = API_USER;
    overlays.set(source.shortName, overlay);
    return { data: overlay };
  });

  app.delete<{ Params: OverlayParams }>(
    "/v3/services/:id/overlays/dedup-key/:alertSource",
    async (request, reply) => {
      const service = findService(request.params.id);
      const shortName = findSource(request.params.alertSource).shortName;
      if (state.dedupKeyOverlays.get(service.id)?.delete(shortName) !== true) {
        throw new SandboxApiError(404, "Dedup key overlay not found.");
      }
      return reply.code(204).send();
    },
  );
}

/** Validates a PUT body: `{overlay_template_type, dedup_key_overlay: {template, duration}}`. */
export function parseOverlayRequest(body: unknown): { template: string; duration: number } {
  if (!isRecord(body)) throw new SandboxApiError(400, "The request body must be a JSON object.");
  if (
    typeof body.overlay_template_type !== "string" ||
    !ACCEPTED_TEMPLATE_TYPES.has(body.overlay_template_type)
  ) {
    throw new SandboxApiError(400, 'overlay_template_type must be "dedup_key".');
  }
  const overlay = body.dedup_key_overlay;
  if (!isRecord(overlay) || typeof overlay.template !== "string" || overlay.template.trim() === "") {
    throw new SandboxApiError(400, "dedup_key_overlay.template is required.");
  }
  const duration = overlay.duration;
  // Assumption: a window under one minute is refused like one over the documented 48 hours.
  if (
    typeof duration !== "number" ||
    !Number.isInteger(duration) ||
    duration < 1 ||
    duration > MAX_DEDUP_DURATION_MINUTES
  ) {
    throw new SandboxApiError(
      400,
      `dedup_key_overlay.duration must be a whole number of minutes from 1 to ${MAX_DEDUP_DURATION_MINUTES}.`,
    );
  }
  try {
    parseGoTemplate(overlay.template);
  } catch (error) {
    // Assumption: Squadcast refuses a template it cannot parse when it is saved.
    if (error instanceof GoTemplateError)
      throw new SandboxApiError(400, `Invalid template: ${error.message}`);
    throw error;
  }
  return { template: overlay.template, duration };
}

function renderOrRefuse(template: string, payload: unknown): string {
  try {
    return renderGoTemplate(template, payload);
  } catch (error) {
    // Assumption: a template that fails on the payload is a 400 naming Go's error.
    if (error instanceof GoTemplateError)
      throw new SandboxApiError(400, `Invalid template: ${error.message}`);
    throw error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { createHttpClient, userAgent } from "../http";
import { sandboxIncidents } from "./sandbox-incidents";
import type { VerifyCheck } from "./types";

/** Labels every test event, in the app name Squadcast shows in the incident title. */
export const TEST_EVENT_MARKER = "[heroku-squadcast verify]";

/** What a test event needs. */
export interface TestEventTarget {
  /** The Squadcast URL to post to (a credential: it carries the service key). */
  readonly url: string;
  /** The Heroku app the events pretend to come from. */
  readonly app: { readonly id: string; readonly name: string };
  /** The service the URL belongs to, to find the incident in a sandbox. */
  readonly serviceId: string;
  /**
   * A sandbox's admin URL; when set, the incident is confirmed there.
   *
   * @defaultValue not confirmed
   */
  readonly sandboxAdminUrl?: string;
  /** Pause between the trigger and the resolve, in milliseconds. */
  readonly resolveDelayMs: number;
}

/**
 * A Heroku `api:build` delivery body, as Heroku would post it, for a test build of the app.
 *
 * The app's name carries {@link TEST_EVENT_MARKER}, so the incident is clearly a test, and so that it can
 * never resolve a real incident of the app (Squadcast matches build events by app); the build id is new
 * for every run.
 *
 * @param app - the app, as Heroku names it.
 * @param status - `failed` opens an incident, `succeeded` resolves it.
 * @param buildId - the build's id; the same for the trigger and the resolve.
 */
export function testBuildEvent(
  app: { readonly id: string; readonly name: string },
  status: "failed" | "succeeded",
  buildId: string,
): Record<string, unknown> {
  const eventId = randomUUID();
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const user = {
    id: "00000000-0000-0000-0000-000000000000",
    email: "heroku-squadcast-verify@example.invalid",
  };
  return {
    action: "update",
    actor: user,
    created_at: now,
    id: eventId,
    data: {
      id: buildId,
      app: { id: app.id, name: `${app.name} ${TEST_EVENT_MARKER}` },
      status,
      source_blob: { version_description: `${TEST_EVENT_MARKER} test event, not a real build` },
      user,
      created_at: now,
      updated_at: now,
    },
    previous_data: { status: "pending" },
    published_at: null,
    resource: "build",
    sequence: null,
    updated_at: now,
    version: "application/vnd.heroku+json; version=3",
    webhook_metadata: {
      attempt: { id: randomUUID() },
      delivery: { id: randomUUID() },
      event: { id: eventId, include: "api:build" },
      webhook: { id: "00000000-0000-0000-0000-000000000000" },
    },
  };
}

/**
 * The `test-event` check: posts a failed, then a succeeded test build to the Squadcast URL. Through a
 * sandbox, confirms that one incident opened and was resolved; against real Squadcast, whose public API
 * cannot show incidents from an alert source, reports the events as sent.
 */
export async function testEventCheck(target: TestEventTarget): Promise<VerifyCheck> {
  const admin = target.sandboxAdminUrl;
  const before = admin ? await testIncidents(admin, target.serviceId) : [];
  const buildId = randomUUID();
  const codes: number[] = [];
  codes.push(await post(target.url, testBuildEvent(target.app, "failed", buildId)));
  if (target.resolveDelayMs > 0) await sleep(target.resolveDelayMs);
  codes.push(await post(target.url, testBuildEvent(target.app, "succeeded", buildId)));
  const answers = `Squadcast answered ${codes.join(" and ")}`;

  if (!admin) {
    return {
      name: "test-event",
      ok: true,
      detail:
        `sent a failed and a succeeded test build; ${answers}. Squadcast's public API cannot confirm the ` +
        `incident: look for "${TEST_EVENT_MARKER}" among the service's incidents (it should be resolved)`,
    };
  }
  const seen = new Set(before.map((incident) => incident.id));
  const opened = (await testIncidents(admin, target.serviceId)).filter((incident) => !seen.has(incident.id));
  if (opened.length === 0) {
    return {
      name: "test-event",
      ok: false,
      detail: `${answers}, but no incident opened: the service ignored the failed test build`,
    };
  }
  const open = opened.filter((incident) => incident.status !== "resolved");
  if (open.length > 0) {
    return {
      name: "test-event",
      ok: false,
      detail: `${answers}; the incident "${open[0]!.summary}" opened but the succeeded build did not resolve it`,
    };
  }
  return {
    name: "test-event",
    ok: true,
    detail: `${answers}; the incident "${opened[0]!.summary}" opened and was resolved (confirmed in the sandbox)`,
  };
}

async function testIncidents(adminUrl: string, serviceId: string) {
  const incidents = await sandboxIncidents(adminUrl, serviceId);
  return incidents.filter((incident) => incident.summary.includes(TEST_EVENT_MARKER));
}

/** Posts one body; throws an `ApiError` (key redacted) on anything but a 2xx. */
async function post(url: string, body: Record<string, unknown>): Promise<number> {
  const parsed = new URL(url);
  const key = parsed.pathname.split("/").filter(Boolean).at(-1);
  const http = createHttpClient({
    api: "Squadcast",
    baseUrl: parsed.origin,
    secrets: [key],
    headers: { "Content-Type": "application/json", "User-Agent": userAgent() },
  });
  const response = await http.post(`${parsed.pathname}${parsed.search}`, body);
  return response.status;
}

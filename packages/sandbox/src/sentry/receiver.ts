import type { FastifyInstance } from "fastify";
import { createHmac, timingSafeEqual } from "node:crypto";
import { rawBodyOf } from "../api-server";
import { sentryHookSignature } from "./hook-url";
import type { SentryProject, SentryState } from "./state";

const SIGNATURE_HEADER = "heroku-webhook-hmac-sha256";

/**
 * Sentry's Heroku release hook, `POST /api/hooks/release/heroku/{projectId}/{signature}/`, following
 * `release_webhook.py` and the Heroku plugin's `HerokuReleaseHook.handle` step by step, including their
 * quirks: the view answers 204 whatever the plugin decided, so a bad body signature or a release without
 * a slug is dropped silently, while a missing signature header is an uncaught 500.
 */
export function registerSentryReceiver(app: FastifyInstance, state: SentryState): void {
  app.post<{ Params: { projectId: string; signature: string } }>(
    "/api/hooks/release/heroku/:projectId/:signature",
    async (request, reply) => {
      if (state.hookRemovedStatus !== null) return reply.code(state.hookRemovedStatus).send();
      const { projectId, signature } = request.params;
      const project = /^\d+$/.test(projectId) ? state.projects.get(projectId) : undefined;
      if (project === undefined) return reply.code(404).send();
      if (
        project.releaseToken === null ||
        !sameText(signature, sentryHookSignature(projectId, project.releaseToken))
      ) {
        return reply.code(403).send();
      }
      if (!project.pluginEnabled) return reply.code(403).send();

      const note = (outcome: "released" | "rejected" | "ignored", reason: string) =>
        state.hookOutcomes.push({ receivedAt: new Date().toISOString(), projectId, outcome, reason });
      const raw = rawBodyOf(request) ?? Buffer.alloc(0);
      const sent = request.headers[SIGNATURE_HEADER];
      if (project.webhookSecret === null) {
        note("rejected", "no webhook secret configured");
        return reply.code(204).send();
      }
      if (typeof sent !== "string") return reply.code(500).send({ detail: "Internal Error" });
      const expected = createHmac("sha256", project.webhookSecret).update(raw).digest("base64");
      if (!sameText(sent, expected)) {
        note("rejected", "body signature mismatch");
        return reply.code(project.strictSignatures ? 401 : 204).send();
      }

      let body: { action?: unknown; data?: Record<string, unknown> };
      try {
        body = JSON.parse(raw.toString("utf8")) as typeof body;
      } catch {
        return reply.code(500).send({ detail: "Internal Error" });
      }
      const data = body?.data;
      if (typeof data !== "object" || data === null)
        return reply.code(500).send({ detail: "Internal Error" });
      const email = emailOf(data.user) ?? emailOf(data.actor);
      const slug = data.slug as { commit?: unknown } | null | undefined;
      if (!slug) {
        note("ignored", "release without a slug");
        return reply.code(204).send();
      }
      if (body.action !== "update") {
        note("ignored", `action ${String(body.action)} is not update`);
        return reply.code(204).send();
      }
      const version = slug.commit;
      if (!isValidVersion(version)) {
        return reply.code(400).send({ error: `Invalid release version: ${String(version)}` });
      }
      const appName =
        typeof data.app === "object" && data.app !== null ? (data.app as { name?: unknown }).name : undefined;
      finishRelease(state, project, version, email, typeof appName === "string" ? appName : undefined);
      note("released", `release ${version}`);
      return reply.code(204).send();
    },
  );
}

/** Upserts the release, then records refs and a deploy per project when the deployer is a member. */
function finishRelease(
  state: SentryState,
  project: SentryProject,
  version: string,
  email: string | undefined,
  appName: string | undefined,
): void {
  const now = new Date().toISOString();
  const owner =
    email !== undefined && project.members.includes(email.toLowerCase()) ? email.toLowerCase() : null;
  let release = state.releases.get(version);
  if (release === undefined) {
    release = {
      version,
      projects: [],
      url: null,
      owner: null,
      refs: [],
      dateCreated: now,
      dateReleased: now,
    };
    state.releases.set(version, release);
  }
  release.dateReleased = now;
  if (appName !== undefined) release.url = `http://${appName}.herokuapp.com`;
  release.owner = owner;
  if (!release.projects.includes(project.slug)) release.projects.push(project.slug);
  if (owner === null) return;
  if (project.repository !== null) release.refs.push({ commit: version, repository: project.repository });
  for (const slug of release.projects) {
    state.deploys.push({
      id: state.deploys.length + 1,
      version,
      project: slug,
      environment: project.environment || "production",
      dateFinished: now,
    });
  }
}

/** Sentry's release-version rule: non-empty, no path-like names, no whitespace controls or slashes. */
function isValidVersion(version: unknown): version is string {
  if (typeof version !== "string" || version === "" || version.length > 200) return false;
  if ([".", "..", "latest"].includes(version.toLowerCase())) return false;
  return !/[\r\n\f\t/\\]/.test(version);
}

function emailOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const email = (value as { email?: unknown }).email;
  return typeof email === "string" && email !== "" ? email : undefined;
}

function sameText(left: string, right: string): boolean {
  const leftBytes = Buffer.from(left);
  const rightBytes = Buffer.from(right);
  return leftBytes.length === rightBytes.length && timingSafeEqual(leftBytes, rightBytes);
}

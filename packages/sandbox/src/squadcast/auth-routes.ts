import type { FastifyInstance } from "fastify";
import { SandboxApiError } from "../api-error";
import type { SquadcastState } from "./state";

/**
 * The token exchange: `GET <path>` with `X-Refresh-Token` answers a bearer access token. Served as
 * `/oauth/access-token` on the auth host and as `/v3/oauth/access-token` on the API host, which is
 * what Squadcast's Terraform provider calls.
 */
export function registerAccessTokenRoute(app: FastifyInstance, state: SquadcastState, path: string): void {
  app.get(path, async (request) => {
    const refreshToken = request.headers["x-refresh-token"];
    if (typeof refreshToken !== "string" || refreshToken === "") {
      throw new SandboxApiError(401, "The X-Refresh-Token header is required.");
    }
    const grant = state.issueAccessToken(refreshToken);
    if (grant === undefined) throw new SandboxApiError(401, "Invalid or revoked refresh token.");
    return {
      data: {
        access_token: grant.accessToken,
        expires_at: grant.expiresAt,
        issued_at: grant.issuedAt,
        refresh_token: grant.refreshToken,
        type: "bearer",
      },
    };
  });
}

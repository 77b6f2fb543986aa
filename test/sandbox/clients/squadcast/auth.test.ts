import { inspect } from "node:util";
import { type RequestEvent } from "../../../../src/http";
import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import {
  SquadcastTokenSource,
  type SquadcastTokenSourceOptions,
} from "../../../../src/clients/squadcast/auth";
import { failure } from "../../../support/api-error";
import { useSandbox } from "../../../support/use-sandbox";

const REFRESH_TOKEN = SANDBOX_FIXTURE.squadcast.refreshToken;

const sandbox = useSandbox();

/** A token source whose exchanges are counted through the request hook. */
function tokenSource(overrides: Partial<SquadcastTokenSourceOptions> = {}) {
  const exchanges: RequestEvent[] = [];
  const source = new SquadcastTokenSource({
    refreshToken: REFRESH_TOKEN,
    authUrl: sandbox.urls.squadcastAuth,
    baseRetryDelayMs: 10,
    onRequest: (event) => exchanges.push(event),
    ...overrides,
  });
  return { source, exchanges };
}

describe("SquadcastTokenSource", () => {
  it("exchanges the refresh token once and reuses the access token", async () => {
    const { source, exchanges } = tokenSource();
    const first = await source.getAccessToken();
    expect(first).not.toBe("");
    expect(await source.getAccessToken()).toBe(first);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toMatchObject({ api: "Squadcast auth", method: "GET", path: "/oauth/access-token" });
  });

  it("coalesces concurrent callers into one exchange", async () => {
    const { source, exchanges } = tokenSource();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => source.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(exchanges).toHaveLength(1);
  });

  it("exchanges again once less than a minute of the token's life remains", async () => {
    let now = Date.now();
    const { source, exchanges } = tokenSource({ now: () => now });
    await source.getAccessToken();
    // The sandbox issues 48-hour tokens: two minutes before expiry the token is still used...
    now += (48 * 3600 - 120) * 1000;
    await source.getAccessToken();
    expect(exchanges).toHaveLength(1);
    // ...thirty seconds before expiry it is replaced.
    now += 90 * 1000;
    await source.getAccessToken();
    expect(exchanges).toHaveLength(2);
  });

  it("honours a custom refresh margin", async () => {
    let now = Date.now();
    const { source, exchanges } = tokenSource({ now: () => now, refreshMarginMs: 3_600_000 });
    await source.getAccessToken();
    now += (47 * 3600 + 1) * 1000;
    await source.getAccessToken();
    expect(exchanges).toHaveLength(2);
  });

  it("forgets a token on invalidate, but keeps a newer one when an old token is invalidated", async () => {
    const { source, exchanges } = tokenSource();
    const first = await source.getAccessToken();
    source.invalidate(first);
    const second = await source.getAccessToken();
    expect(exchanges).toHaveLength(2);
    expect(second).not.toBe(first);
    source.invalidate(first);
    expect(await source.getAccessToken()).toBe(second);
    expect(exchanges).toHaveLength(2);
    source.invalidate();
    await source.getAccessToken();
    expect(exchanges).toHaveLength(3);
  });

  it("explains a rejected refresh token without showing it", async () => {
    const badToken = "revoked-refresh-token-9876";
    const { source } = tokenSource({ refreshToken: badToken });
    const error = await failure(source.getAccessToken());
    expect(error).toMatchObject({ api: "Squadcast auth", status: 401, retryable: false });
    expect(error.message).toBe(
      "Squadcast rejected the refresh token (401): create a new one in Squadcast under Profile → API Refresh Token " +
        "(or Settings → API Tokens) and set squadcast:refreshToken " +
        "(`pulumi config set --secret squadcast:refreshToken <token>`) or SQUADCAST_REFRESH_TOKEN",
    );
    for (const rendering of [error.message, JSON.stringify(error), inspect(error), String(error.stack)]) {
      expect(rendering).not.toContain(badToken);
    }
  });

  it("does not cache a failed exchange: the next call tries again", async () => {
    await sandbox.admin.addFault({ target: "squadcastAuth", status: 400, count: 1 });
    const { source, exchanges } = tokenSource();
    await failure(source.getAccessToken());
    await expect(source.getAccessToken()).resolves.toEqual(expect.any(String));
    expect(exchanges).toHaveLength(2);
  });

  it("retries the exchange through 503s", async () => {
    await sandbox.admin.addFault({ target: "squadcastAuth", status: 503, count: 2 });
    const { source, exchanges } = tokenSource();
    await expect(source.getAccessToken()).resolves.toEqual(expect.any(String));
    expect(exchanges.map((event) => event.attempt)).toEqual([1, 2, 3]);
  });
});

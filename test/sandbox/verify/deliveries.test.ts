import type { HerokuWebhookDelivery } from "../../../src/clients/heroku/client";
import { deliveriesCheck } from "../../../src/verify/deliveries";

// Pure, next to the sandbox tests that exercise the same check through real deliveries.
const NOW = new Date("2026-03-01T12:00:00Z");

function delivery(
  minutesAgo: number,
  status: string,
  code: number | null = 202,
  webhookId = "hook",
): HerokuWebhookDelivery {
  const createdAt = new Date(NOW.getTime() - minutesAgo * 60_000).toISOString();
  return {
    id: `${webhookId}-${minutesAgo}`,
    event: { id: "e", include: "dyno" },
    webhook: { id: webhookId, level: "notify" },
    status,
    numAttempts: status === "pending" ? 0 : 1,
    nextAttemptAt: null,
    lastAttempt:
      status === "pending"
        ? null
        : { id: "a", code, errorClass: code === null ? "Timeout" : null, status, createdAt },
    createdAt,
  };
}

describe("deliveriesCheck", () => {
  it("ignores failures older than a day, and other webhooks' deliveries", () => {
    const check = deliveriesCheck(
      [delivery(5, "succeeded"), delivery(25 * 60, "failed", 500), delivery(1, "failed", 500, "other-hook")],
      "hook",
      NOW,
    );
    expect(check).toEqual({
      name: "deliveries",
      ok: true,
      detail: "1 of 1 recent deliveries in the last 24 h succeeded",
    });
  });

  it("fails on a retrying delivery and on one that got no answer, naming the error class", () => {
    const check = deliveriesCheck(
      [delivery(3, "retrying", 502), delivery(2, "failed", null), delivery(1, "pending")],
      "hook",
      NOW,
    );
    expect(check.ok).toBe(false);
    expect(check.detail).toBe(
      "2 of 3 recent deliveries in the last 24 h failed: " +
        "dyno at 2026-03-01T11:58:00.000Z: failed, no answer (Timeout) after 1 attempt; " +
        "dyno at 2026-03-01T11:57:00.000Z: retrying, HTTP 502 after 1 attempt, 1 not attempted yet",
    );
  });

  it("looks at the newest 20 deliveries only", () => {
    const recent = Array.from({ length: 20 }, (_, index) => delivery(index + 1, "succeeded"));
    expect(deliveriesCheck([...recent, delivery(60, "failed", 500)], "hook", NOW).ok).toBe(true);
  });

  it("passes with a hint when nothing was delivered yet", () => {
    expect(deliveriesCheck([], "hook", NOW)).toEqual({
      name: "deliveries",
      ok: true,
      detail: expect.stringMatching(/^no deliveries in the last 24 h: .*--send-test-event/),
    });
  });
});

import { computeRetryDelay } from "../../../src/http";

describe("computeRetryDelay", () => {
  const limits = { baseDelayMs: 100, maxDelayMs: 1_000 };

  it.each([
    [1, 0, 50],
    [1, 0.999, 100],
    [2, 0, 100],
    [3, 0.5, 300],
    [5, 0, 500],
    [10, 0.999, 1_000],
  ])("retry %i with random %f waits %i ms", (retryNumber, random, expected) => {
    expect(computeRetryDelay({ ...limits, retryNumber, random: () => random })).toBe(expected);
  });

  it("follows Retry-After instead of the backoff", () => {
    expect(computeRetryDelay({ ...limits, retryNumber: 1, retryAfterMs: 700 })).toBe(700);
  });

  it("caps Retry-After at maxDelayMs", () => {
    expect(computeRetryDelay({ ...limits, retryNumber: 1, retryAfterMs: 120_000 })).toBe(1_000);
  });

  it("spreads delays with jitter", () => {
    const delays = new Set(
      Array.from({ length: 50 }, () => computeRetryDelay({ ...limits, retryNumber: 4 })),
    );
    expect(delays.size).toBeGreaterThan(5);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(400);
      expect(delay).toBeLessThanOrEqual(800);
    }
  });
});

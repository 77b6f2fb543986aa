import { startSandbox, type Sandbox } from "../src";
import { heroku } from "../src/testing";

// Two budgets: one that refills a token a minute, so emptying it does not race the refill however slow
// the machine, and one that refills a token every 100 ms, to see a refill after waiting longer than that.
let slow: Sandbox;
let fast: Sandbox;

beforeAll(async () => {
  [slow, fast] = await Promise.all([
    startSandbox({ herokuRateLimit: { capacity: 5, refillPerMinute: 1 } }),
    startSandbox({ herokuRateLimit: { capacity: 1, refillPerMinute: 600 } }),
  ]);
});
afterAll(() => Promise.all([slow.stop(), fast.stop()]));

describe("Heroku rate limit", () => {
  it("counts down RateLimit-Remaining, answers 429 rate_limit when empty, and a reset refills it", async () => {
    const remaining: string[] = [];
    for (let count = 0; count < 5; count++) {
      const response = await heroku(slow, "GET", "/apps/demo-app");
      expect(response.status).toBe(200);
      remaining.push(response.headers.get("ratelimit-remaining")!);
    }
    expect(remaining).toEqual(["4", "3", "2", "1", "0"]);
    const limited = await heroku(slow, "GET", "/apps/demo-app");
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({ id: "rate_limit" });
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");

    const budget = await heroku(slow, "GET", "/account/rate-limits");
    expect(budget.status).toBe(200);
    expect(budget.json).toEqual({ remaining: 0 });

    await slow.admin.reset();
    expect((await heroku(slow, "GET", "/account/rate-limits")).json).toEqual({ remaining: 5 });
  });

  it("refills over time", async () => {
    expect((await heroku(fast, "GET", "/apps/demo-app")).status).toBe(200);
    // 600 a minute is a token every 100 ms; waiting longer can only leave more.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await heroku(fast, "GET", "/apps/demo-app")).status).toBe(200);
  });
});

import { startSandbox, type Sandbox } from "../src";
import { heroku } from "./support";

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ herokuRateLimit: { capacity: 5, refillPerMinute: 600 } });
});
afterAll(() => sandbox.stop());

describe("Heroku rate limit", () => {
  it("counts down RateLimit-Remaining, answers 429 rate_limit when empty, and refills over time", async () => {
    const remaining: string[] = [];
    for (let count = 0; count < 5; count++) {
      const response = await heroku(sandbox, "GET", "/apps/demo-app");
      expect(response.status).toBe(200);
      remaining.push(response.headers.get("ratelimit-remaining")!);
    }
    expect(remaining).toEqual(["4", "3", "2", "1", "0"]);
    const limited = await heroku(sandbox, "GET", "/apps/demo-app");
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({ id: "rate_limit" });
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");

    const budget = await heroku(sandbox, "GET", "/account/rate-limits");
    expect(budget.status).toBe(200);
    expect(budget.json).toEqual({ remaining: 0 });

    // 600 per minute is one token every 100 ms.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await heroku(sandbox, "GET", "/apps/demo-app")).status).toBe(200);
    await sandbox.admin.reset();
    expect((await heroku(sandbox, "GET", "/account/rate-limits")).json).toEqual({ remaining: 5 });
  });
});

import { createHttpClient } from "../../../src/http";
import { AdaptiveRateLimiter } from "../../../src/http/rate-limiter";
import { json, startScriptedServer, type ScriptedServer } from "./scripted-server";

/** An answer as the HTTP adapter settles with it. */
function answer(remaining?: number, status = 200) {
  return { status, headers: remaining === undefined ? {} : { "ratelimit-remaining": String(remaining) } };
}

/** A job that settles when told to. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** A clock that stands still, so the local bucket refills nothing during a test. */
const still = () => 0;

describe("AdaptiveRateLimiter", () => {
  it("lowers the local budget when the server says fewer requests remain", async () => {
    const limiter = new AdaptiveRateLimiter({ capacity: 100, now: still });
    await limiter.schedule(async () => answer(10));
    expect(limiter.remainingBudget()).toBe(10);
  });

  it("raises it when the server provably has more, as with a larger budget than Heroku's", async () => {
    const limiter = new AdaptiveRateLimiter({ capacity: 5, now: still });
    await limiter.schedule(async () => answer(50));
    expect(limiter.remainingBudget()).toBe(50);
  });

  it("empties it on a 429, whatever the header says", async () => {
    const limiter = new AdaptiveRateLimiter({ capacity: 100, now: still });
    const rejected = limiter.schedule(async () => {
      throw { response: answer(7, 429) };
    });
    await expect(rejected).rejects.toEqual({ response: answer(7, 429) });
    expect(limiter.remainingBudget()).toBe(0);
  });

  it("does not count on requests the server may not have seen yet", async () => {
    const limiter = new AdaptiveRateLimiter({ capacity: 100, now: still });
    const slow = [deferred<unknown>(), deferred<unknown>()];
    const running = slow.map((job) => limiter.schedule(() => job.promise));
    // Answered while two others are still out: the server's 20 may not include them.
    await limiter.schedule(async () => answer(20));
    expect(limiter.remainingBudget()).toBe(18);
    slow.forEach((job) => job.resolve(answer()));
    await Promise.all(running);
  });

  it("discounts requests answered while this one was out: their count may postdate this figure", async () => {
    const limiter = new AdaptiveRateLimiter({ capacity: 100, now: still });
    const late = deferred<unknown>();
    const first = limiter.schedule(() => late.promise);
    await limiter.schedule(async () => answer(50));
    await limiter.schedule(async () => answer(49));
    expect(limiter.remainingBudget()).toBe(48);
    // Its figure was computed before the two answered meanwhile were counted.
    late.resolve(answer(52));
    await first;
    expect(limiter.remainingBudget()).toBe(50);
  });

  it("holds requests while the bucket is empty, until an answer shows budget again", async () => {
    const limiter = new AdaptiveRateLimiter({ capacity: 100, now: still });
    const open = deferred<unknown>();
    const running = limiter.schedule(() => open.promise);
    const refused = limiter.schedule(async () => {
      throw { response: answer(undefined, 429) };
    });
    await expect(refused).rejects.toBeDefined();
    let started = false;
    const waiting = limiter.schedule(async () => {
      started = true;
      return answer();
    });
    await pause(20);
    expect(started).toBe(false);
    // 5 left, less the 429 answered meanwhile (the server may have counted it after this figure).
    open.resolve(answer(5));
    await Promise.all([running, waiting]);
    expect(started).toBe(true);
    expect(limiter.remainingBudget()).toBe(3);
  });

  it("ignores answers without the header", async () => {
    const limiter = new AdaptiveRateLimiter({ capacity: 100, now: still });
    await limiter.schedule(async () => answer());
    expect(limiter.remainingBudget()).toBe(99);
  });

  it("runs at most maxConcurrent jobs at once", async () => {
    const limiter = new AdaptiveRateLimiter({ maxConcurrent: 3, now: still });
    let running = 0;
    let peak = 0;
    const gates = Array.from({ length: 6 }, () => deferred<void>());
    const jobs = gates.map((gate) =>
      limiter.schedule(async () => {
        running++;
        peak = Math.max(peak, running);
        await gate.promise;
        running--;
      }),
    );
    for (let attempt = 0; attempt < 200 && running < 3; attempt++) await pause(5);
    await pause(20);
    expect(running).toBe(3);
    gates.forEach((gate) => gate.resolve());
    await Promise.all(jobs);
    expect(peak).toBe(3);
  });

  it("queues jobs while the budget is spent and runs them as it refills", async () => {
    const limiter = new AdaptiveRateLimiter({ capacity: 2, refillPerMinute: 6_000 });
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4, 5].map((job) => limiter.schedule(async () => order.push(job))));
    expect(order.sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("accepts Bottleneck's job options and passes job arguments through", async () => {
    const limiter = new AdaptiveRateLimiter();
    const sum = await limiter.schedule({ priority: 1 }, async (a: number, b: number) => a + b, 2, 3);
    expect(sum).toBe(5);
  });
});

describe("AdaptiveRateLimiter under createHttpClient", () => {
  let server: ScriptedServer;

  beforeEach(async () => {
    server = await startScriptedServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it("reads RateLimit-Remaining from every answer, errors included", async () => {
    const limiter = new AdaptiveRateLimiter({ capacity: 4500, now: still });
    const http = createHttpClient({
      api: "Heroku",
      baseUrl: server.url,
      secrets: [],
      retries: 0,
      rateLimiter: limiter,
    });
    server.script = json(200, {}, { "RateLimit-Remaining": "120" });
    await http.get("/apps/demo-app");
    expect(limiter.remainingBudget()).toBe(120);

    server.script = json(
      404,
      { id: "not_found", message: "Couldn't find that app." },
      { "RateLimit-Remaining": "42" },
    );
    await expect(http.get("/apps/missing")).rejects.toMatchObject({ status: 404 });
    expect(limiter.remainingBudget()).toBe(42);
  });
});

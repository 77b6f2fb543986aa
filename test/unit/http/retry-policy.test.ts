import { isTransientFailure, shouldRetry, type FailedAttempt } from "../../../src/http";

describe("shouldRetry", () => {
  it.each<[string, FailedAttempt, boolean]>([
    ["GET after 503", { method: "get", status: 503 }, true],
    ["GET after 500", { method: "GET", status: 500 }, true],
    ["GET after 429", { method: "GET", status: 429 }, true],
    ["GET after 404", { method: "GET", status: 404 }, false],
    ["GET after 401", { method: "GET", status: 401 }, false],
    ["GET after 422", { method: "GET", status: 422 }, false],
    ["GET after a timeout", { method: "GET", code: "ETIMEDOUT" }, true],
    ["GET after a reset connection", { method: "GET", code: "ECONNRESET" }, true],
    ["GET after an unknown failure", { method: "GET", code: "ERR_SOMETHING" }, false],
    ["GET after a cancel", { method: "GET", code: "ERR_CANCELED" }, false],
    ["PUT after 502", { method: "put", status: 502 }, true],
    ["PATCH after 504", { method: "patch", status: 504 }, true],
    ["DELETE after a timeout", { method: "delete", code: "ETIMEDOUT" }, true],
    ["POST after 429", { method: "post", status: 429 }, true],
    ["POST after a refused connection", { method: "post", code: "ECONNREFUSED" }, true],
    ["POST after a failed DNS lookup", { method: "post", code: "ENOTFOUND" }, true],
    ["POST after 503 (may have acted)", { method: "post", status: 503 }, false],
    ["POST after 500 (may have acted)", { method: "post", status: 500 }, false],
    ["POST after a timeout (lost response)", { method: "post", code: "ETIMEDOUT" }, false],
    ["POST after a reset connection (lost response)", { method: "post", code: "ECONNRESET" }, false],
    ["POST after 400", { method: "post", status: 400 }, false],
    ["idempotent POST after 503", { method: "post", status: 503, idempotent: true }, true],
    ["idempotent POST after a timeout", { method: "post", code: "ETIMEDOUT", idempotent: true }, true],
    ["idempotent POST after 422", { method: "post", status: 422, idempotent: true }, false],
  ])("%s → %s", (_case, attempt, expected) => {
    expect(shouldRetry(attempt)).toBe(expected);
  });
});

describe("isTransientFailure", () => {
  it.each<[number | undefined, string | undefined, boolean]>([
    [429, undefined, true],
    [503, undefined, true],
    [404, undefined, false],
    [undefined, "ETIMEDOUT", true],
    [undefined, "ECONNREFUSED", true],
    [undefined, "ERR_CANCELED", false],
    [undefined, undefined, false],
  ])("status %s, code %s → %s", (status, code, expected) => {
    expect(isTransientFailure(status, code)).toBe(expected);
  });
});

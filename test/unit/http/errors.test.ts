import { ApiError, isApiError, isNotFoundError, requestPath, type ApiErrorDetails } from "../../../src/http";

const base: ApiErrorDetails = {
  api: "Heroku",
  method: "GET",
  path: "/apps/demo-app",
  kind: "http",
  retryable: false,
};

describe("ApiError message", () => {
  it.each<[string, Partial<ApiErrorDetails>, string]>([
    [
      "status, id, message and request id",
      { status: 404, errorId: "not_found", apiMessage: "Couldn't find that app.", requestId: "abc-123" },
      "Heroku API GET /apps/demo-app failed: 404 not_found: Couldn't find that app. (request id abc-123)",
    ],
    ["a status alone", { status: 500 }, "Heroku API GET /apps/demo-app failed: 500"],
    [
      "an error id equal to the status once",
      { status: 404, errorId: "404", apiMessage: "service not found" },
      "Heroku API GET /apps/demo-app failed: 404: service not found",
    ],
    [
      "a reason without status",
      { kind: "timeout", reason: "timed out after 10000 ms" },
      "Heroku API GET /apps/demo-app failed: timed out after 10000 ms",
    ],
    [
      "a hint",
      { status: 401, hint: "Check the key" },
      "Heroku API GET /apps/demo-app failed: 401. Check the key",
    ],
    ["nothing known", {}, "Heroku API GET /apps/demo-app failed: unknown error"],
    ["a summary override", { summary: "Something specific", hint: "Do this" }, "Something specific. Do this"],
    [
      "line breaks folded into one line",
      { status: 422, apiMessage: "first\n  second\r\nthird" },
      "Heroku API GET /apps/demo-app failed: 422: first second third",
    ],
    [
      "secrets scrubbed from every part",
      {
        status: 401,
        apiMessage: "key s3cret-key rejected",
        secrets: ["s3cret-key"],
        path: "/apps/s3cret-key",
      },
      "Heroku API GET /apps/*** failed: 401: key *** rejected",
    ],
  ])("with %s", (_case, details, expected) => {
    expect(new ApiError({ ...base, ...details }).message).toBe(expected);
  });

  it("is an Error with a name, and serialises its safe fields", () => {
    const error = new ApiError({ ...base, status: 429, retryable: true, secrets: ["never-stored"] });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ApiError");
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "ApiError",
      message: "Heroku API GET /apps/demo-app failed: 429",
      api: "Heroku",
      method: "GET",
      path: "/apps/demo-app",
      kind: "http",
      status: 429,
      retryable: true,
    });
    expect(JSON.stringify(error)).not.toContain("never-stored");
  });
});

describe("type guards", () => {
  it("recognises API errors, by API and for 404", () => {
    const notFound = new ApiError({ ...base, status: 404 });
    expect(isApiError(notFound)).toBe(true);
    expect(isApiError(notFound, "Heroku")).toBe(true);
    expect(isApiError(notFound, "Squadcast")).toBe(false);
    expect(isApiError(new Error("x"))).toBe(false);
    expect(isNotFoundError(notFound)).toBe(true);
    expect(isNotFoundError(new ApiError({ ...base, status: 410 }))).toBe(false);
    expect(isNotFoundError({ status: 404 })).toBe(false);
  });
});

describe("requestPath", () => {
  it.each([
    ["/apps/demo-app/webhooks", "/apps/demo-app/webhooks"],
    ["/v3/services/by-name?name=x&owner_id=y", "/v3/services/by-name"],
    ["apps/demo-app#frag", "/apps/demo-app"],
    ["https://api.heroku.com/apps/x?y=1", "/apps/x"],
    [undefined, "/"],
  ])("%s → %s", (url, expected) => {
    expect(requestPath(url)).toBe(expected);
  });
});

import { createRedactor, redact } from "../../../src/http";

describe("redact", () => {
  it.each([
    [
      "a known secret anywhere",
      "key is abcd1234 and again abcd1234",
      ["abcd1234"],
      "key is *** and again ***",
    ],
    ["the URL-encoded form of a secret", "token=a%2Fb%2Bc", ["a/b+c"], "token=***"],
    ["a longer secret before a shorter one it contains", "x-secret-long", ["secret", "x-secret-long"], "***"],
    [
      "a bearer token never declared",
      "Authorization: Bearer eyJhbGci.x.y, next",
      [],
      "Authorization: Bearer ***, next",
    ],
    ["a bearer token in any case", "bearer abc123", [], "bearer ***"],
    [
      "not prose that merely says bearer",
      "a bearer access token is required",
      [],
      "a bearer access token is required",
    ],
    ["an X-Refresh-Token header value", "X-Refresh-Token: 0d2a1a9a454d", [], "X-Refresh-Token: ***"],
    ["an X-Refresh-Token in JSON", '{"X-Refresh-Token":"0d2a1a9a454d"}', [], '{"X-Refresh-Token":"***"}'],
    [
      "the service key of an ingestion URL",
      "https://api.squadcast.com/v1/incidents/heroku/d3c3208e86b787faf2ec01c154ed024081dc0fda?x=1",
      [],
      "https://api.squadcast.com/v1/incidents/heroku/***?x=1",
    ],
    [
      "the v2 incident webhook key",
      "/v2/incidents/api/c56a30a7a282321a53c5a94bb2085c24e721bc55",
      [],
      "/v2/incidents/api/***",
    ],
    [
      "nothing when there is nothing secret",
      "Heroku API GET /apps/demo-app failed",
      ["unused-secret"],
      "Heroku API GET /apps/demo-app failed",
    ],
    ["nothing for empty or very short secrets", "a bc abc", ["", "a", "bc", "abc"], "a bc abc"],
    ["undefined entries in the secret list", "value s3cr3t!", [undefined, "s3cr3t!"], "value ***"],
  ])("replaces %s", (_case, text, secrets, expected) => {
    expect(redact(text, secrets)).toBe(expected);
  });

  it("binds a set of secrets with createRedactor", () => {
    const clean = createRedactor(["first-secret", undefined, "second-secret"]);
    expect(clean("first-secret / second-secret / third")).toBe("*** / *** / third");
  });
});

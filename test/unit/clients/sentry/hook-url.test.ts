import { createHmac } from "node:crypto";
import { sentryReleaseHookUrl, sentryReleaseHookUrlProblem } from "../../../../src/sentry";

const SIGNATURE = createHmac("sha256", "release-token").update("heroku-4506001").digest("hex");
const GOOD = `https://us.sentry.io/api/hooks/release/heroku/4506001/${SIGNATURE}/`;

describe("sentryReleaseHookUrl", () => {
  it("signs heroku-<projectId> with the release token, as Sentry does, with a trailing slash", () => {
    expect(
      sentryReleaseHookUrl({
        baseUrl: "https://us.sentry.io/",
        projectId: 4506001,
        releaseToken: "release-token",
      }),
    ).toBe(GOOD);
  });

  it("gives the same URL for a project id given as text", () => {
    expect(
      sentryReleaseHookUrl({
        baseUrl: "https://us.sentry.io",
        projectId: "4506001",
        releaseToken: "release-token",
      }),
    ).toBe(GOOD);
  });

  it("gives another signature for another token, so a regenerated token invalidates the URL", () => {
    const other = sentryReleaseHookUrl({
      baseUrl: "https://us.sentry.io",
      projectId: 4506001,
      releaseToken: "new",
    });
    expect(other).not.toBe(GOOD);
    expect(sentryReleaseHookUrlProblem(other)).toBeUndefined();
  });
});

describe("sentryReleaseHookUrlProblem", () => {
  it("accepts the URL Sentry shows, also below a path prefix of a self-hosted Sentry", () => {
    expect(sentryReleaseHookUrlProblem(GOOD)).toBeUndefined();
    expect(
      sentryReleaseHookUrlProblem(
        `https://errors.example.com/sentry/api/hooks/release/heroku/7/${SIGNATURE}/`,
      ),
    ).toBeUndefined();
  });

  it.each([
    [
      "another Sentry hook",
      `https://us.sentry.io/api/hooks/release/builtin/4506001/${SIGNATURE}/`,
      /Legacy Integrations → Heroku/,
    ],
    [
      "a Squadcast URL",
      "https://api.squadcast.com/v1/incidents/heroku/0123456789abcdef",
      /Sentry Heroku release hook/,
    ],
    [
      "the project slug instead of its id",
      `https://us.sentry.io/api/hooks/release/heroku/my-project/${SIGNATURE}/`,
      /numeric project id/,
    ],
    [
      "a truncated signature",
      `https://us.sentry.io/api/hooks/release/heroku/4506001/${SIGNATURE.slice(0, 40)}/`,
      /64 lowercase hex/,
    ],
    [
      "an upper-case signature",
      `https://us.sentry.io/api/hooks/release/heroku/4506001/${SIGNATURE.toUpperCase()}/`,
      /64 lowercase hex/,
    ],
    ["no trailing slash", GOOD.slice(0, -1), /end with a slash/],
    ["a query string", `${GOOD}?token=x`, /no query string/],
  ])("refuses %s, without repeating the URL", (_case, url, reason) => {
    const problem = sentryReleaseHookUrlProblem(url);
    expect(problem).toMatch(reason);
    expect(problem).not.toContain(SIGNATURE.slice(0, 16));
    expect(problem).not.toContain("us.sentry.io");
  });

  it("leaves text that is not a URL to the generic URL check", () => {
    expect(sentryReleaseHookUrlProblem("not a url")).toBeUndefined();
  });
});

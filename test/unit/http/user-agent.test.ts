import { version } from "../../../package.json";
import { userAgent } from "../../../src/http";

describe("userAgent", () => {
  it("names the package and its version from package.json", () => {
    expect(userAgent()).toBe(`pulumi-heroku-squadcast/${version}`);
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

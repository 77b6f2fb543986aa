import * as fs from "node:fs";
import * as path from "node:path";
import { policies } from "../../../src/policy";

// The policy pack directory that ships in the package: `pulumi preview --policy-pack` reads these files.
const root = path.resolve(__dirname, "../../..");
const packDir = path.join(root, "policy-pack");

describe("the policy pack", () => {
  test("has uniquely named policies, each with a description and an enforcement level", () => {
    const names = policies.map((policy) => policy.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([
      "squadcast-webhook-resolvable-entity",
      "heroku-webhook-url-https-secret",
      "heroku-squadcast-fleet-coverage",
    ]);
    for (const policy of policies) {
      expect(policy.name).toMatch(/^[a-z0-9-]+$/);
      expect(policy.description.length).toBeGreaterThan(20);
      expect(["advisory", "mandatory"]).toContain(policy.enforcementLevel);
    }
  });

  test("is a Node.js policy project versioned with the package", () => {
    expect(fs.readFileSync(path.join(packDir, "PulumiPolicy.yaml"), "utf8")).toMatch(/^runtime: nodejs$/m);
    const pack = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8"));
    const library = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    // @pulumi/policy reports the pack's version from this file.
    expect(pack.version).toBe(library.version);
    expect(pack.main).toBe("index.js");
    expect(fs.readFileSync(path.join(packDir, "index.js"), "utf8")).toContain('require("../dist/policy")');
  });
});

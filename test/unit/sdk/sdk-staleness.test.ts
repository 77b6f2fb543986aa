// The SDKs in sdk/ are what Pulumi's code generators make of the plugin's schema today: a schema change
// without `npm run sdk:gen` fails here, naming each stale file.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { BUILD_TIMEOUT_MS, ROOT, run } from "./run-tool";

test(
  "sdk/python, sdk/go and sdk/nodejs are what the schema generates",
  () => {
    const result = run("bash", ["scripts/sdk-gen.sh", "--check"], { cwd: ROOT });
    if (result.status !== 0) throw new Error(`scripts/sdk-gen.sh --check:\n${result.output}`);
    expect(result.status).toBe(0);
  },
  BUILD_TIMEOUT_MS,
);

// The .NET generator is pinned (tools/sdk-gen-dotnet), so the same schema gives the same SDK: the schema
// it was generated from, by hash, stands for regenerating it (which would build that module, minutes cold).
test("sdk/dotnet was generated from this schema", () => {
  const schema = createHash("sha256")
    .update(fs.readFileSync(path.join(ROOT, "schema.json")))
    .digest("hex");
  const generatedFrom = fs.readFileSync(path.join(ROOT, "sdk/dotnet/.schema-sha256"), "utf8").trim();
  expect({ generatedFrom }).toEqual({ generatedFrom: schema });
});

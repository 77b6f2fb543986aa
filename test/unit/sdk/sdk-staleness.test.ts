// The SDKs in sdk/ are what Pulumi's code generators make of the plugin's schema today: a schema change
// without `npm run sdk:gen` fails here, naming each stale file.
import { BUILD_TIMEOUT_MS, ROOT, run } from "./run-tool";

test(
  "sdk/ is what the schema generates",
  () => {
    const result = run("bash", ["scripts/sdk-gen.sh", "--check"], { cwd: ROOT });
    if (result.status !== 0) throw new Error(`scripts/sdk-gen.sh --check:\n${result.output}`);
    expect(result.status).toBe(0);
  },
  BUILD_TIMEOUT_MS,
);

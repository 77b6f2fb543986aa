import { runDemo } from "../../src/demo/run";
import { DemoReport } from "../../src/demo/report";

describe("npm run demo", () => {
  test("runs the whole path on the sandbox and every one of its checks passes", async () => {
    let printed = "";
    const succeeded = await runDemo(new DemoReport({ write: (text: string) => (printed += text) }));
    expect(printed).not.toContain("✘");
    expect(printed).toContain("each resolved itself");
    expect(printed).toContain("✔ the two failed builds are one incident");
    expect(printed).toContain("deduplication is as before the stack");
    expect(printed).toContain("~ 1 to update");
    expect(printed).not.toContain("sandbox-heroku-key");
    expect(succeeded).toBe(true);
  });
});

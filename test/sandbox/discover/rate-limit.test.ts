import { scanEstate, type ScanProgress } from "../../../src/discover";
import { startSandbox, type Sandbox } from "heroku-squadcast-sandbox";
import { verifySettingsFromEnv } from "../../../src/verify";

let sandbox: Sandbox;

beforeAll(async () => {
  // A budget of 5 calls, refilled 10 a second: a scan of 30 apps must wait for it several times.
  sandbox = await startSandbox({ port: 0, herokuRateLimit: { capacity: 5, refillPerMinute: 600 } });
  for (let index = 1; index <= 30; index++)
    await sandbox.admin.createHerokuApp(`tight-${String(index).padStart(2, "0")}`);
});
afterAll(() => sandbox?.stop());

test("a scan larger than Heroku's remaining budget waits for it and reads every app", async () => {
  const progress: ScanProgress[] = [];
  const scan = await scanEstate(verifySettingsFromEnv(sandbox.env), {
    onProgress: (step) => progress.push(step),
  });

  expect(scan.apps).toHaveLength(31);
  expect(scan.skipped).toEqual([]);
  expect(progress.at(-1)).toMatchObject({ done: 31, total: 31 });
  // The budget ran out along the way, and the scan told so through its progress.
  expect(progress.some((step) => step.herokuBudget < 1 && step.done < step.total)).toBe(true);
  const answers = (await sandbox.admin.requests()).filter((request) => request.api === "heroku");
  const succeeded = answers.filter((request) => request.status === 200 || request.status === 206);
  expect(succeeded).toHaveLength(32);
});

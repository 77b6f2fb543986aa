import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { lockFileOf, withServiceLock } from "../../../src/squadcast/service-lock";

// The lock that makes processes on one machine take turns at a Squadcast service's alert-source list.
// The cross-process race itself is shown by test/e2e/reliability/concurrency.test.ts.

let directory: string;

beforeEach(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), "service-lock-"));
});
afterEach(() => {
  fs.rmSync(directory, { recursive: true, force: true });
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The pid of a process that has exited, so that no process has it (unless reused, which takes long). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  });
  return Number(child.stdout);
}

test("holders of one service take turns, holders of different services do not wait", async () => {
  const events: string[] = [];
  const hold = (service: string, name: string) =>
    withServiceLock(
      service,
      async () => {
        events.push(`${name} in`);
        await pause(30);
        events.push(`${name} out`);
      },
      { directory },
    );
  await Promise.all([hold("service-a", "a1"), hold("service-a", "a2"), hold("service-b", "b1")]);
  const a = events.filter((event) => event.startsWith("a"));
  const [first, second] = [a[0].split(" ")[0], a[2].split(" ")[0]];
  // One holder of service-a at a time: in, out, then the other in, out.
  expect(a).toEqual([`${first} in`, `${first} out`, `${second} in`, `${second} out`]);
  // service-b's holder got in while service-a's first holder was still inside.
  expect(events.indexOf("b1 in")).toBeLessThan(events.indexOf(`${first} out`));
});

test("the lock is released when the work fails", async () => {
  await expect(
    withServiceLock("service-a", async () => Promise.reject(new Error("boom")), { directory }),
  ).rejects.toThrow("boom");
  expect(fs.existsSync(lockFileOf("service-a", directory))).toBe(false);
  await expect(withServiceLock("service-a", async () => "again", { directory, waitMs: 100 })).resolves.toBe(
    "again",
  );
});

test("a lock left by a process that died is taken over", async () => {
  fs.writeFileSync(lockFileOf("service-a", directory), `${deadPid()}\n${os.hostname()}\n`);
  await expect(withServiceLock("service-a", async () => "taken", { directory, waitMs: 1_000 })).resolves.toBe(
    "taken",
  );
});

test("a lock older than staleMs is taken over, whoever wrote it", async () => {
  const file = lockFileOf("service-a", directory);
  fs.writeFileSync(file, `${process.pid}\nanother-host\n`);
  const old = new Date(Date.now() - 60_000);
  fs.utimesSync(file, old, old);
  await expect(
    withServiceLock("service-a", async () => "taken", { directory, waitMs: 1_000, staleMs: 30_000 }),
  ).resolves.toBe("taken");
});

test("a lock held by a live process makes the waiter give up with a message naming the file", async () => {
  const file = lockFileOf("service-a", directory);
  fs.writeFileSync(file, `${process.pid}\n${os.hostname()}\n`);
  await expect(withServiceLock("service-a", async () => "never", { directory, waitMs: 150 })).rejects.toThrow(
    `Another process (pid ${process.pid}) has been changing the alert sources of this Squadcast service for over 0 s. ` +
      `Run again once it is done; if no other pulumi is running, delete ${file}.`,
  );
  // Someone else's lock is left alone.
  expect(fs.existsSync(file)).toBe(true);
});

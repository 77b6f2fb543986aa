import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { lockPathOf, withServiceLock } from "../../../src/squadcast/service-lock";

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

/**
 * Another process that takes the lock of service-a as the library does (proper-lockfile, keeping it fresh),
 * says "held" on stdout, holds it for `holdMs`, writes `marker` just before letting go, then exits.
 */
function holderProcess(holdMs: number, marker: string): ChildProcess {
  const script = `
    const lockfile = require(${JSON.stringify(require.resolve("proper-lockfile"))});
    const options = { realpath: false, stale: 5000, lockfilePath: ${JSON.stringify(lockPathOf("service-a", directory))} };
    lockfile.lock("service-a", options).then(async (release) => {
      process.stdout.write("held\\n");
      await new Promise((resolve) => setTimeout(resolve, ${holdMs}));
      require("node:fs").writeFileSync(${JSON.stringify(marker)}, "released");
      await release();
    });
  `;
  return spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
}

function held(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("held")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`holder exited (${code}) before taking the lock`)));
  });
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
  expect(fs.existsSync(lockPathOf("service-a", directory))).toBe(false);
  await expect(withServiceLock("service-a", async () => "again", { directory, waitMs: 100 })).resolves.toBe(
    "again",
  );
});

test("a lock left by a process that died (no longer refreshed) is taken over", async () => {
  const lock = lockPathOf("service-a", directory);
  fs.mkdirSync(lock);
  const old = new Date(Date.now() - 60_000);
  fs.utimesSync(lock, old, old);
  await expect(
    withServiceLock("service-a", async () => "taken", { directory, waitMs: 1_000, staleMs: 30_000 }),
  ).resolves.toBe("taken");
  expect(fs.existsSync(lock)).toBe(false);
});

test("a live holder keeps its lock past staleMs: the waiter gets in only once it let go", async () => {
  const marker = path.join(directory, "released");
  const holder = holderProcess(7_000, marker);
  await held(holder);
  const entered = await withServiceLock("service-a", async () => fs.existsSync(marker), {
    directory,
    waitMs: 30_000,
    staleMs: 5_000,
  });
  // Held 7 s with a 5 s stale threshold: a lock judged by its age alone would have been taken over.
  expect(entered).toBe(true);
}, 40_000);

test("a lock held by a live process makes the waiter give up with a message naming the lock", async () => {
  const marker = path.join(directory, "released");
  const holder = holderProcess(3_000, marker);
  await held(holder);
  const lock = lockPathOf("service-a", directory);
  await expect(withServiceLock("service-a", async () => "never", { directory, waitMs: 300 })).rejects.toThrow(
    `Another process has been changing the alert sources of this Squadcast service for over 0 s. ` +
      `Run again once it is done; if no other pulumi is running, delete ${lock}.`,
  );
  // Someone else's lock is left alone.
  expect(fs.existsSync(lock)).toBe(true);
  // The holder has shown what it had to; ending it spares the rest of its 3 s.
  if (holder.exitCode === null && holder.signalCode === null) {
    const exited = once(holder, "exit");
    holder.kill();
    await exited;
  }
}, 20_000);

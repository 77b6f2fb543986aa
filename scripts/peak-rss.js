#!/usr/bin/env node
// Runs a command (jest) and measures the peak resident memory of each process it starts, from the
// kernel's high-water mark (VmHWM in /proc/<pid>/status), sampled every 200 ms. Writes the largest
// figure of a jest process to the file given, for the summary line; exits with the command's status.
// Linux only: elsewhere the command runs unmeasured.
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");

const [outputFile, command, ...args] = process.argv.slice(2);
if (!outputFile || !command) {
  console.error("usage: node scripts/peak-rss.js <output file> <command> [args...]");
  process.exit(2);
}

const peaks = new Map(); // pid -> { kb, jest }
function descendantsOf(root) {
  const children = new Map();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  const found = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift();
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

function sample(root) {
  for (const pid of descendantsOf(root)) {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      // Jest's own process and its workers, told apart by their scripts, not by the folder they run in
      // (a clone named after this repo would otherwise match anything under it).
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      const jest = argv.some((arg) => /(^|\/)jest(\.js)?$|\/jest-worker\//.test(arg));
      const previous = peaks.get(pid);
      if (!previous || kb > previous.kb) peaks.set(pid, { kb, jest });
    } catch {
      // Gone already.
    }
  }
}

const child = spawn(command, args, { stdio: "inherit" });
const measurable = fs.existsSync("/proc/self/status");
const timer = measurable ? setInterval(() => sample(child.pid), 200) : undefined;
child.on("exit", (code, signal) => {
  if (timer) clearInterval(timer);
  const jestPeaks = [...peaks.values()].filter((peak) => peak.jest).map((peak) => peak.kb);
  const line = measurable
    ? `peak RSS: ${Math.round(Math.max(0, ...jestPeaks) / 1024)} MB (largest of ${jestPeaks.length} jest processes)`
    : "peak RSS: not measured (no /proc)";
  fs.writeFileSync(outputFile, `${line}\n`);
  process.exit(code ?? (signal ? 1 : 0));
});

import { cleartextTransportProblem, isLoopbackHost } from "../../../src/config";

const hostOf = (url: string) => new URL(url).hostname;

describe("isLoopbackHost", () => {
  test.each([
    "http://localhost:1",
    "http://LocalHost:1",
    "http://127.0.0.1:1",
    "http://127.255.255.254:1",
    "http://127.1:1",
    "http://0x7f.0.0.1:1",
    "http://[::1]:1",
    "http://[0:0:0:0:0:0:0:1]:1",
    "http://[::ffff:127.0.0.1]:1",
  ])("%s is loopback", (url) => {
    expect(isLoopbackHost(hostOf(url))).toBe(true);
  });

  // Names are under `.invalid` (they never resolve); addresses are only the edges of 127.0.0.0/8 and ::1.
  test.each([
    "http://sandbox.invalid:1",
    "http://localhost.invalid:1",
    "http://127.0.0.1.invalid:1",
    "http://localhost.:1",
    "http://128.0.0.1:1",
    "http://126.255.255.255:1",
    "http://[::2]:1",
    "http://[::ffff:128.0.0.1]:1",
  ])("%s is not loopback", (url) => {
    expect(isLoopbackHost(hostOf(url))).toBe(false);
  });
});

describe("cleartextTransportProblem", () => {
  test("https goes anywhere, http only to loopback, other schemes nowhere", () => {
    expect(cleartextTransportProblem(new URL("https://api.example.invalid"))).toBeUndefined();
    expect(cleartextTransportProblem(new URL("http://127.0.0.1:4000"))).toBeUndefined();
    expect(cleartextTransportProblem(new URL("http://api.example.invalid"))).toMatch(/^must use https: /);
    expect(cleartextTransportProblem(new URL("ftp://127.0.0.1"))).toMatch(/^must use https: /);
  });
});

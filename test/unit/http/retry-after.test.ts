import { parseRetryAfter } from "../../../src/http";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");

  it.each([
    ["seconds", "120", 120_000],
    ["zero seconds", "0", 0],
    ["fractional seconds", "1.5", 1_500],
    ["seconds with spaces", " 3 ", 3_000],
    ["a number", 2, 2_000],
    ["an HTTP date in the future", "Thu, 01 Jan 2026 00:00:30 GMT", 30_000],
    ["an HTTP date in the past", "Wed, 31 Dec 2025 23:59:00 GMT", 0],
    ["the first of several values", ["5", "9"], 5_000],
    ["an absent header", undefined, undefined],
    ["an empty header", "", undefined],
    ["garbage", "soon", undefined],
    ["a negative number", "-5", undefined],
  ])("reads %s", (_case, value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

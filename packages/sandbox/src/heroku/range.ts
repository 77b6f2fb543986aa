import { SandboxApiError } from "../api-error";

/** One page of a list, and the `Next-Range` header value when more items follow. */
export interface RangePage<T> {
  /** The items of this page. */
  readonly items: T[];
  /** Send this as the `Range` header to get the next page; absent on the last page. */
  readonly nextRange?: string;
}

/** Page size when the request has no `Range` header or no `max`, as on Heroku. */
export const DEFAULT_PAGE_SIZE = 200;
/** Largest page Heroku serves. */
export const MAX_PAGE_SIZE = 1000;

const RANGE_PATTERN = /^\s*(\w+)\s+(\]?)([^.;,\s]*)\.\.([^;,\s]*)\s*(?:[;,]\s*(.*))?$/;

/**
 * Applies Heroku's `Range` pagination over ids: `Range: id ..; max=200`, `Range: id ]<last id>..; max=200`
 * (`]` excludes the bound), with `order=asc|desc`. Lists are ordered by id, so pages are stable while
 * items are added. Throws 416 `requested_range_not_satisfiable` for a range the API cannot serve.
 */
export function paginateById<T extends { readonly id: string }>(
  items: Iterable<T>,
  rangeHeader: string | undefined,
): RangePage<T> {
  const range = parseRange(rangeHeader);
  const descending = range.order === "desc";
  const sorted = [...items].sort((left, right) => compare(left.id, right.id) * (descending ? -1 : 1));
  const after = (id: string, bound: string) => compare(id, bound) * (descending ? -1 : 1);
  let start = 0;
  if (range.start !== "") {
    start = sorted.findIndex((item) => after(item.id, range.start) > (range.exclusiveStart ? 0 : -1));
    if (start === -1) start = sorted.length;
  }
  let end = sorted.length;
  if (range.end !== "") {
    const beyond = sorted.findIndex((item) => after(item.id, range.end) > 0);
    if (beyond !== -1) end = beyond;
  }
  const available = sorted.slice(start, end);
  if (available.length <= range.max) return { items: available };
  const page = available.slice(0, range.max);
  const orderSuffix = descending ? ", order=desc" : "";
  return { items: page, nextRange: `id ]${page[page.length - 1].id}..; max=${range.max}${orderSuffix}` };
}

interface ParsedRange {
  readonly start: string;
  readonly exclusiveStart: boolean;
  readonly end: string;
  readonly max: number;
  readonly order: "asc" | "desc";
}

function parseRange(header: string | undefined): ParsedRange {
  const defaults: ParsedRange = {
    start: "",
    exclusiveStart: false,
    end: "",
    max: DEFAULT_PAGE_SIZE,
    order: "asc",
  };
  if (header === undefined || header.trim() === "") return defaults;
  const match = RANGE_PATTERN.exec(header);
  if (match === null || match[1] !== "id") {
    throw new SandboxApiError(
      416,
      "Invalid Range header: use `id ..; max=200`.",
      "requested_range_not_satisfiable",
    );
  }
  let max = DEFAULT_PAGE_SIZE;
  let order: "asc" | "desc" = "asc";
  for (const parameter of (match[5] ?? "").split(/[;,]/)) {
    const [name, value] = parameter.split("=").map((part) => part.trim());
    if (name === "max" && /^\d+$/.test(value ?? ""))
      max = Math.min(Math.max(Number(value), 1), MAX_PAGE_SIZE);
    if (name === "order" && (value === "asc" || value === "desc")) order = value;
  }
  return { start: match[3], exclusiveStart: match[2] === "]", end: match[4], max, order };
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

import type { Sandbox } from "./server";

// Requests to a running sandbox as a well-behaved client of each API sends them, over real HTTP, for
// tests of the sandbox and of code that talks to it: `heroku-squadcast-sandbox/testing`.

/** A response read in full. */
export interface ReadResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** Options of one request. */
export interface RequestOptions {
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

/** Sends a request over real HTTP and reads the whole response. */
export async function send(method: string, url: string, options: RequestOptions = {}): Promise<ReadResponse> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | Buffer | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Headers of a well-behaved Platform API client. */
export const HEROKU_HEADERS = {
  accept: "application/vnd.heroku+json; version=3",
  authorization: "Bearer sandbox-heroku-key",
};

/** A request to the sandbox's Heroku API with the right headers unless overridden. */
export function heroku(sandbox: Sandbox, method: string, path: string, options: RequestOptions = {}) {
  return send(method, `${sandbox.urls.heroku}${path}`, {
    ...options,
    headers: { ...HEROKU_HEADERS, ...options.headers },
  });
}

/** Exchanges the fixture refresh token for an access token. */
export async function squadcastToken(sandbox: Sandbox): Promise<string> {
  const response = await send("GET", `${sandbox.urls.squadcastAuth}/oauth/access-token`, {
    headers: { "x-refresh-token": sandbox.env.SQUADCAST_REFRESH_TOKEN },
  });
  return (response.json as { data: { access_token: string } }).data.access_token;
}

/** A request to the sandbox's Squadcast API with a bearer token. */
export function squadcast(sandbox: Sandbox, token: string, method: string, path: string, body?: unknown) {
  return send(method, `${sandbox.urls.squadcast}${path}`, {
    body,
    headers: { authorization: `Bearer ${token}` },
  });
}

/** The URL of the Heroku alert source of a Squadcast service. */
export function ingestionUrl(sandbox: Sandbox, apiKey: string): string {
  return `${sandbox.urls.squadcast}/v1/incidents/heroku/${apiKey}`;
}

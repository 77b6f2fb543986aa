import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** A loopback proxy in front of the Squadcast token exchange that remembers every access token issued. */
export interface TokenCaptureProxy {
  /** The proxy's base URL, to use as `SQUADCAST_AUTH_URL`. */
  readonly url: string;
  /** Every access token the exchange handed out through the proxy. */
  readonly issued: string[];
  /** Stops the proxy. */
  dispose(): Promise<void>;
}

/**
 * Starts a proxy that forwards every request to `target` (the sandbox's auth URL) and reads the access
 * token out of each answer, so a test knows the exact tokens the provider held and can look for them.
 */
export async function startTokenCaptureProxy(target: string): Promise<TokenCaptureProxy> {
  const issued: string[] = [];
  const server = http.createServer(async (request, response) => {
    try {
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(
          (entry): entry is [string, string] => typeof entry[1] === "string" && entry[0] !== "host",
        ),
      );
      const answer = await fetch(`${target}${request.url ?? "/"}`, { method: request.method, headers });
      const body = await answer.text();
      const token = accessTokenIn(body);
      if (token !== undefined) issued.push(token);
      response.writeHead(answer.status, {
        "content-type": answer.headers.get("content-type") ?? "application/json",
      });
      response.end(body);
    } catch {
      response.writeHead(502).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    issued,
    dispose: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function accessTokenIn(body: string): string | undefined {
  try {
    const token = (JSON.parse(body) as { data?: { access_token?: unknown } }).data?.access_token;
    return typeof token === "string" ? token : undefined;
  } catch {
    return undefined;
  }
}

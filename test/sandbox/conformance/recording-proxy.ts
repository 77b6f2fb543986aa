import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** One request through the proxy and the answer it got. */
export interface Exchange {
  readonly method: string;
  /** The path without query. */
  readonly path: string;
  /** The request body as parsed JSON; undefined when there was none. */
  readonly requestBody: unknown;
  readonly status: number;
  /** The response body as parsed JSON; undefined when there was none. */
  readonly responseBody: unknown;
}

/** A loopback proxy that records every exchange with the server behind it. */
export interface RecordingProxy {
  /** The proxy's base URL. */
  readonly url: string;
  /** Every exchange so far, oldest first. */
  readonly exchanges: Exchange[];
  /** Stops the proxy. */
  close(): Promise<void>;
}

/** Starts a proxy in front of `target`, forwarding method, headers and body unchanged. */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const exchanges: Exchange[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      void forward(request, Buffer.concat(chunks), response, exchanges, target);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function forward(
  request: http.IncomingMessage,
  body: Buffer,
  response: http.ServerResponse,
  exchanges: Exchange[],
  target: string,
): Promise<void> {
  try {
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(
        (entry): entry is [string, string] =>
          typeof entry[1] === "string" && !["host", "connection", "content-length"].includes(entry[0]),
      ),
    );
    const answer = await fetch(`${target}${request.url ?? "/"}`, {
      method: request.method,
      headers,
      body: body.length > 0 ? body : undefined,
    });
    const text = await answer.text();
    exchanges.push({
      method: request.method ?? "GET",
      path: new URL(request.url ?? "/", target).pathname,
      requestBody: parsed(body.toString("utf8")),
      status: answer.status,
      responseBody: parsed(text),
    });
    const forwarded: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!["content-length", "content-encoding", "transfer-encoding", "connection"].includes(name))
        forwarded[name] = value;
    });
    response.writeHead(answer.status, forwarded);
    response.end(text);
  } catch {
    response.writeHead(502).end();
  }
}

function parsed(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

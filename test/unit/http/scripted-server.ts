import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the scripted server received. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Answers one request; `hit` counts from 1 across all requests to the server. */
export type Script = (request: ReceivedRequest, response: ServerResponse, hit: number) => void;

/** A real HTTP server on 127.0.0.1 with an ephemeral port, answering with a replaceable script. */
export interface ScriptedServer {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Highest number of requests in progress at the same time. */
  readonly peakConcurrency: () => number;
  script: Script;
  close(): Promise<void>;
}

/** Starts a server whose behaviour each test sets through `script`. */
export async function startScriptedServer(script: Script = json(200, {})): Promise<ScriptedServer> {
  const requests: ReceivedRequest[] = [];
  let inProgress = 0;
  let peak = 0;
  const state: { script: Script } = { script };
  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    inProgress++;
    peak = Math.max(peak, inProgress);
    response.on("close", () => inProgress--);
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const request: ReceivedRequest = {
        method: incoming.method ?? "GET",
        url: incoming.url ?? "/",
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(request);
      state.script(request, response, requests.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    peakConcurrency: () => peak,
    get script() {
      return state.script;
    },
    set script(next: Script) {
      state.script = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A script answering JSON with the given status and headers. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Script {
  return (_request, response) => {
    response.writeHead(status, { "Content-Type": "application/json", ...headers });
    response.end(JSON.stringify(body));
  };
}

/** A script answering raw text, e.g. an HTML page or truncated JSON. */
export function text(status: number, body: string, contentType = "text/html"): Script {
  return (_request, response) => {
    response.writeHead(status, { "Content-Type": contentType });
    response.end(body);
  };
}

/** A script that reads the request and then drops the connection without answering: a lost response. */
export function dropConnection(): Script {
  return (_request, response) => {
    response.socket?.destroy();
  };
}

/** A script that never answers (until the server closes), to provoke a client timeout. */
export function neverAnswer(): Script {
  return () => undefined;
}

/** Runs the scripts in order, one per hit; the last repeats. */
export function sequence(...scripts: Script[]): Script {
  return (request, response, hit) => {
    const script = scripts[Math.min(hit, scripts.length) - 1] as Script;
    script(request, response, hit);
  };
}

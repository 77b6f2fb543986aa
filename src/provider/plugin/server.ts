import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as provider from "@pulumi/pulumi/provider";

/** As much of `@grpc/grpc-js` as the guard touches (the SDK's copy, reached through the SDK). */
interface Grpc {
  Server: { prototype: { addService(service: unknown, implementation: ServiceImplementation): void } };
}
type ServiceImplementation = Record<string, Handler>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (call: { request: any }, callback: (error: unknown, value?: unknown) => void) => unknown;

/** What the plugin does with the Configure call that `@pulumi/pulumi/provider` does not pass on. */
export type ConfigureHandler = (variables: Record<string, string | undefined>) => void;

/* eslint-disable @typescript-eslint/no-require-imports */

// The SDK's provider server (`@pulumi/pulumi/provider`, `main`) answers Configure without handing the
// provider its configuration, and its Read calls `req.getProperties().toJavaScript()`, which throws for
// the Read of an import: that request carries no properties ("Cannot read properties of undefined
// (reading 'toJavaScript')"). Both are fixed at the door: while `main` registers its service, the
// handlers it registers are wrapped, so Configure first hands the configuration to the plugin, and a
// Read without properties gets an empty set, as a Read of an import means. Nothing of the SDK is patched
// on disk or kept patched after `main` has registered.

/**
 * Serves `plugin` over gRPC as `@pulumi/pulumi/provider`'s `main` does, with the two guards above.
 *
 * @param args - the command line arguments after the program (the engine's address).
 */
export function serve(
  plugin: provider.Provider,
  args: string[],
  onConfigure: ConfigureHandler,
): Promise<void> {
  const grpc = sdkGrpc();
  const { ResourceProviderService } = sdkModule("proto/provider_grpc_pb") as {
    ResourceProviderService: unknown;
  };
  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (service, implementation) {
    const guarded =
      service === ResourceProviderService ? guardedService(implementation, onConfigure) : implementation;
    return addService.call(this, service, guarded);
  };
  try {
    // `main` registers its service before its first await, so the wrapper is in place for exactly that.
    return provider.main(plugin, args);
  } finally {
    grpc.Server.prototype.addService = addService;
  }
}

/**
 * The SDK's handlers, with Configure handing over the configuration and Read given empty properties when
 * it has none.
 */
export function guardedService(
  implementation: ServiceImplementation,
  onConfigure: ConfigureHandler,
): ServiceImplementation {
  const handlers = implementation;
  const { Struct } = require(
    require.resolve("google-protobuf/google/protobuf/struct_pb", {
      paths: [sdkDirectory()],
    }),
  ) as { Struct: new () => unknown };
  const guarded: ServiceImplementation = Object.create(implementation);
  guarded.configure = (call, callback) => {
    try {
      onConfigure(configurationOf(call.request));
    } catch (error) {
      callback(error);
      return;
    }
    return handlers.configure.call(implementation, call, callback);
  };
  guarded.read = (call, callback) => {
    if (!call.request.getProperties()) call.request.setProperties(new Struct());
    return handlers.read.call(implementation, call, callback);
  };
  return guarded;
}

/**
 * The provider's configuration from a Configure request: its arguments (secrets unwrapped; what stack
 * config `heroku-squadcast:*` or an explicit provider's arguments hold), or, from an engine that sends
 * none, its variables (`heroku-squadcast:config:<name>`).
 */
function configurationOf(request: {
  getArgs(): { toJavaScript(): Record<string, unknown> } | undefined;
  getVariablesMap(): { forEach(each: (value: string, key: string) => void): void };
}): Record<string, string | undefined> {
  const variables: Record<string, string | undefined> = {};
  request.getVariablesMap().forEach((value, key) => {
    variables[key.split(":").pop()!] = value;
  });
  const args = request.getArgs()?.toJavaScript() ?? {};
  for (const [name, raw] of Object.entries(args)) {
    const value = pulumi.runtime.isRpcSecret(raw) ? pulumi.runtime.unwrapRpcSecret(raw) : raw;
    if (value === undefined || value === null || value === pulumi.runtime.unknownValue) continue;
    variables[name] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return variables;
}

function sdkDirectory(): string {
  return path.dirname(require.resolve("@pulumi/pulumi/package.json"));
}

function sdkModule(name: string): unknown {
  return require(path.join(sdkDirectory(), name));
}

/** The copy of gRPC the SDK's server uses (the SDK may have its own). */
function sdkGrpc(): Grpc {
  return require(require.resolve("@grpc/grpc-js", { paths: [sdkDirectory()] })) as Grpc;
}

#!/usr/bin/env node
import { HerokuSquadcastPlugin } from "./provider";
import { schemaText } from "./schema";
import { serve } from "./server";

/**
 * `pulumi-resource-heroku-squadcast`: the provider plugin the engine starts for programs in any language
 * (and for `pulumi import`). `--print-schema` prints the package schema instead, for SDK generation.
 */
function run(args: string[]): Promise<void> {
  if (args.includes("--print-schema")) {
    process.stdout.write(schemaText());
    return Promise.resolve();
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { version } = require("../../../package.json") as { version: string };
  const plugin = new HerokuSquadcastPlugin(version);
  return serve(plugin, args, (variables) => plugin.configure(variables));
}

run(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `pulumi-resource-heroku-squadcast: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});

#!/usr/bin/env node
// Runs one Pulumi operation on the consumer project this file is copied into, through the Automation API
// of the @pulumi/pulumi installed in that project, so the program, the SDK and the provider process all
// use the consumer's own copies (an in-process run from the test would mix two SDK versions).
//
// Usage: node drive.js '<json>' with {operation, projectName, backendDir, env, policyPacks?,
// policyPackConfigs?}; prints one JSON line: {ok, result} or {ok: false, error}.
"use strict";
const path = require("node:path");
const { LocalWorkspace } = require("@pulumi/pulumi/automation");

const projectDir = __dirname;
const request = JSON.parse(process.argv[2]);

/** The project's program, loaded the way the Node.js language host loads it: its package.json `main`. */
async function program() {
  const main = require(path.join(projectDir, "package.json")).main || "index.js";
  return { ...require(path.join(projectDir, main)) };
}

async function run() {
  const stack = await LocalWorkspace.createOrSelectStack(
    { projectName: request.projectName, stackName: "dev", program },
    {
      workDir: projectDir,
      secretsProvider: "passphrase",
      envVars: {
        PULUMI_BACKEND_URL: `file://${request.backendDir}`,
        PULUMI_CONFIG_PASSPHRASE: "consumer-test-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
        PULUMI_SKIP_CONFIRMATIONS: "true",
        ...request.env,
      },
    },
  );
  const policy = { policyPacks: request.policyPacks, policyPackConfigs: request.policyPackConfigs };
  const quiet = { onOutput: () => undefined };
  switch (request.operation) {
    case "preview": {
      const preview = await stack.preview({ ...quiet, ...policy });
      return { changeSummary: preview.changeSummary, stdout: preview.stdout };
    }
    case "up": {
      const up = await stack.up({ ...quiet, ...policy });
      return { resourceChanges: up.summary.resourceChanges, outputs: up.outputs };
    }
    case "destroy": {
      const destroy = await stack.destroy(quiet);
      return { resourceChanges: destroy.summary.resourceChanges };
    }
    default:
      throw new Error(`unknown operation ${request.operation}`);
  }
}

run().then(
  (result) => process.stdout.write(`${JSON.stringify({ ok: true, result })}\n`),
  (error) => {
    // The Automation API's CommandError message holds the CLI's stdout and stderr.
    process.stdout.write(
      `${JSON.stringify({ ok: false, error: String((error && error.message) || error) })}\n`,
    );
  },
);

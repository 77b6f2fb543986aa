import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import {
  ALERT_SOURCE_TYPE,
  APP_WEBHOOK_TYPE,
  DEDUP_KEY_OVERLAY_TYPE,
  RELEASE_WEBHOOK_TYPE,
  type ResourceType,
} from "./resource-types";
// The stub modules' exports are the stub objects themselves (`export =`): an ES import would wrap them.
/* eslint-disable @typescript-eslint/no-require-imports */
import alertSourceStub = require("./stub-squadcast-alert-source");
import appWebhookStub = require("./stub-heroku-app-webhook");
import dedupKeyOverlayStub = require("./stub-squadcast-dedup-key-overlay");
import releaseWebhookStub = require("./stub-sentry-release-webhook");
/* eslint-enable @typescript-eslint/no-require-imports */

const PACKAGE_NAME = "pulumi-heroku-squadcast";

/** Where each type's stub module is, relative to the package root, as `exports` in package.json lists it. */
export const STUB_MODULE_PATHS: Readonly<Record<string, string>> = {
  [APP_WEBHOOK_TYPE.token]: "dist/resource-kit/stub-heroku-app-webhook.js",
  [ALERT_SOURCE_TYPE.token]: "dist/resource-kit/stub-squadcast-alert-source.js",
  [RELEASE_WEBHOOK_TYPE.token]: "dist/resource-kit/stub-sentry-release-webhook.js",
  [DEDUP_KEY_OVERLAY_TYPE.token]: "dist/resource-kit/stub-squadcast-dedup-key-overlay.js",
};

const STUBS: Readonly<
  Record<string, { readonly stub: pulumi.dynamic.ResourceProvider; readonly file: string }>
> = {
  [APP_WEBHOOK_TYPE.token]: { stub: appWebhookStub, file: require.resolve("./stub-heroku-app-webhook") },
  [ALERT_SOURCE_TYPE.token]: {
    stub: alertSourceStub,
    file: require.resolve("./stub-squadcast-alert-source"),
  },
  [RELEASE_WEBHOOK_TYPE.token]: {
    stub: releaseWebhookStub,
    file: require.resolve("./stub-sentry-release-webhook"),
  },
  [DEDUP_KEY_OVERLAY_TYPE.token]: {
    stub: dedupKeyOverlayStub,
    file: require.resolve("./stub-squadcast-dedup-key-overlay"),
  },
};

/**
 * The provider a resource of this type hands to `pulumi.dynamic.Resource`, which serializes it into the
 * resource's inputs and outputs (twice per resource, so its size is most of the state's).
 *
 * Pulumi's serializer stores an object that is a module's exports, loaded from under `node_modules`, as
 * one `require` of that module: about 300 bytes instead of the 2.4 KB that the stub's seven functions
 * take written out. So where the package is installed as a package (`node_modules/pulumi-heroku-squadcast`,
 * as npm and yarn put it), the stub module's own exports are handed over. Anywhere else (this repository's
 * sources, `npm link`, a store such as pnpm's, whose paths would not resolve by that name) a copy is,
 * which the serializer writes out function by function, as every version of the package did before:
 * both forms load the implementation by package name, so both run the installed code.
 */
export function storedProvider(type: ResourceType): pulumi.dynamic.ResourceProvider {
  const module = STUBS[type.token];
  if (!module) throw new Error(`no provider stub for ${type.token}`);
  return storedAsRequire(module.file, type) ? module.stub : { ...module.stub };
}

/**
 * Whether the serializer will store the stub module loaded from `file` as a require that resolves by
 * package name: it does so for a module whose path, relative to the program's working directory, passes
 * through `node_modules`, requiring what follows the first `node_modules`, which must then be this
 * package's stub module.
 */
export function storedAsRequire(file: string, type: ResourceType, cwd: string = process.cwd()): boolean {
  const parts = path.relative(cwd, file).split(path.sep);
  const nodeModules = parts.indexOf("node_modules");
  return (
    nodeModules >= 0 &&
    parts.slice(nodeModules + 1).join("/") === `${PACKAGE_NAME}/${STUB_MODULE_PATHS[type.token]}`
  );
}

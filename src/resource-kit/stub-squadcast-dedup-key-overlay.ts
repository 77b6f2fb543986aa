import { DEDUP_KEY_OVERLAY_TYPE } from "./resource-types";
import { providerStub } from "./stub";

// The module itself is the DedupKeyOverlay provider stub: where the package is installed under node_modules,
// Pulumi stores a dynamic provider that is a module's exports as one require of that module (see
// stored-provider.ts).
export = providerStub(DEDUP_KEY_OVERLAY_TYPE.token);

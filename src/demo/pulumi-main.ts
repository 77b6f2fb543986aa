import * as pulumi from "@pulumi/pulumi";
import type { EntitySelection } from "../mapping";
import { demoProgram } from "./program";

// The entry of the root Pulumi.yaml, for `pulumi up` with the official CLI after `npm run build`.
const config = new pulumi.Config("demo");
export = demoProgram({ entities: config.getObject<EntitySelection>("entities") });

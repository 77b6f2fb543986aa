import { sentryReleasesProgram } from "./program";

export const { webhooks } = sentryReleasesProgram();

import { basicProgram } from "./program";

export const { webhookId, alertSourceId } = basicProgram();

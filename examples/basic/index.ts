import { basicProgram } from "./program";

export const { webhookId, alertSourceId, app, serviceId, entities } = basicProgram();

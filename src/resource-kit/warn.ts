import * as pulumi from "@pulumi/pulumi";

/**
 * Shows a warning about one resource in `pulumi preview` and `pulumi up`, naming it in the text.
 *
 * The warning is deliberately not attached to the resource (`pulumi.log.warn(message, resource)`):
 * @pulumi/pulumi queues every log line behind the URN of the resource it is attached to, on one chain for
 * the whole process. When that resource's registration fails (a check failure, say), the chain stays
 * rejected, so every later warning fails to deliver, and an Automation API process that runs another
 * update afterwards hangs on it.
 */
export function warnAbout(resource: { readonly type: string; readonly name: string }, message: string): void {
  void pulumi.log.warn(`${resource.type} ${resource.name}: ${message}`);
}

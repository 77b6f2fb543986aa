import type * as pulumi from "@pulumi/pulumi";
import type { ProviderContext } from "./context";

/**
 * What every provider of the package shares: it works on the provider process's one
 * {@link ProviderContext}, configured from the stack config that the engine's configure call delivers.
 *
 * @internal The provider side, not part of the public API.
 */
export abstract class ContextProvider {
  constructor(protected readonly context: ProviderContext) {}

  async configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.context.configure((key) => request.config.get(key));
  }
}

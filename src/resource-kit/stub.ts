import type * as pulumi from "@pulumi/pulumi";

/**
 * The package entry that holds the provider implementations. Resolved by package name at run time in
 * the provider process, so state written by one version of the library runs the code of the installed one.
 */
export const IMPLEMENTATION_MODULE = "pulumi-heroku-squadcast/provider";

/**
 * The resource provider that Pulumi serializes into the state of every resource of one type.
 *
 * Pulumi stores the provider's source text in each resource's `__provider` property and runs that text
 * for refresh and destroy, even after the library is upgraded. So the text must stay tiny and never
 * change: it captures nothing but the type name and loads the real implementation by package name when
 * a method is called. Everything that evolves lives in `src/provider/implementations.ts`.
 */
export function providerStub(resourceType: string): pulumi.dynamic.ResourceProvider {
  // A run-time require, not an import: an import would make the serializer capture the whole module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const implementation = () => require("pulumi-heroku-squadcast/provider").implementationOf(resourceType);
  return {
    configure: (request) => implementation().configure(request),
    check: (olds, news) => implementation().check(olds, news),
    diff: (id, olds, news) => implementation().diff(id, olds, news),
    create: (inputs) => implementation().create(inputs),
    read: (id, props) => implementation().read(id, props),
    update: (id, olds, news) => implementation().update(id, olds, news),
    delete: (id, props) => implementation().delete(id, props),
  };
}

import * as pulumi from "@pulumi/pulumi";

/** One resource the program registered, with the inputs the engine would have received. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

/**
 * Installs Pulumi's mocks for the test file: every registration is recorded (emptied before each test)
 * and answered by `answer`, which throws for a type it does not know; function calls always throw, since
 * no resource here makes one.
 */
export function recordRegistrations(
  answer: (args: pulumi.runtime.MockResourceArgs) => pulumi.runtime.MockResourceResult,
): Registration[] {
  const registrations: Registration[] = [];
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        registrations.push({ type: args.type, name: args.name, inputs: args.inputs });
        return answer(args);
      },
      call(args) {
        throw new Error(`Mock call not implemented: ${args.token}`);
      },
    },
    "project",
    "stack",
    false,
  );
  beforeEach(() => {
    registrations.length = 0;
  });
  return registrations;
}

/** An input the way the engine receives it: secret inputs arrive wrapped. */
export function unwrapped(value: unknown): { secret: boolean; value: unknown } {
  const wrapped =
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig;
  return wrapped ? { secret: true, value: (value as { value: unknown }).value } : { secret: false, value };
}

/** The value of an output, once the mocks have answered. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

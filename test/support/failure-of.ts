/**
 * Awaits a call that must fail with an Error, runs the file's own checks on it (e.g. that it holds no
 * credential), and returns it for closer checks.
 *
 * @param promise - the call.
 * @param check - what every failure of the file must satisfy. Default: nothing more.
 */
export async function failureOf(
  promise: Promise<unknown>,
  check: (error: Error) => unknown = () => undefined,
): Promise<Error> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  if (caught === undefined) throw new Error("expected the call to fail");
  expect(caught).toBeInstanceOf(Error);
  await check(caught as Error);
  return caught as Error;
}

import { ApiError } from "../../src/http";

/** Awaits a call that must fail with an {@link ApiError}, and returns that error for closer checks. */
export async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error("expected the call to fail");
}

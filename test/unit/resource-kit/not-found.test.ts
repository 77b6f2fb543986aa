import { ApiError } from "../../../src/http";
import { ignoringNotFound, readUnlessDeleted } from "../../../src/resource-kit/not-found";

function apiError(status: number): ApiError {
  return new ApiError({
    api: "Heroku",
    method: "GET",
    path: "/apps/demo-app/webhooks/1",
    kind: "http",
    retryable: status >= 500,
    status,
  });
}

const failing = (error: unknown) => async (): Promise<never> => {
  throw error;
};

describe("readUnlessDeleted", () => {
  it("passes the read's answer through", async () => {
    await expect(readUnlessDeleted(async () => ({ id: "w1", props: { url: "u" } }))).resolves.toEqual({
      id: "w1",
      props: { url: "u" },
    });
  });

  it("answers an empty id when the API says 404, so refresh drops the resource", async () => {
    await expect(readUnlessDeleted(failing(apiError(404)))).resolves.toEqual({ id: "" });
  });

  it("lets every other failure through", async () => {
    const serverError = apiError(503);
    await expect(readUnlessDeleted(failing(serverError))).rejects.toBe(serverError);
    await expect(readUnlessDeleted(failing(new Error("boom")))).rejects.toThrow("boom");
  });
});

describe("ignoringNotFound", () => {
  it("runs the deletion", async () => {
    const remove = jest.fn(async () => undefined);
    await ignoringNotFound(remove);
    expect(remove).toHaveBeenCalledTimes(1);
  });

  it("takes a 404 as already deleted", async () => {
    await expect(ignoringNotFound(failing(apiError(404)))).resolves.toBeUndefined();
  });

  it("lets every other failure through", async () => {
    const conflict = apiError(409);
    await expect(ignoringNotFound(failing(conflict))).rejects.toBe(conflict);
  });
});

import {
  credentialSettingAsNamed,
  HEROKU_API_KEY_SETTING,
  MissingCredentialError,
  SQUADCAST_REFRESH_TOKEN_SETTING,
  StoredCredentialError,
  type CredentialSetting,
} from "../config";
import { isApiError } from "../http/errors";
import type { ProviderContext } from "./context";

/**
 * Runs a resource's `read` or `delete` (what `pulumi refresh` and `pulumi destroy` call) and turns a
 * credential failure into a {@link StoredCredentialError}: those commands run on the stack config the
 * last `pulumi up` stored in the state, so a credential rotated in config since is not the one used, and
 * the usual advice (`pulumi config set …`) would tell the user to do what they already did.
 *
 * A missing credential, a Heroku 401 and a refused Squadcast refresh token (401 or 403 from the token
 * exchange, or a 401 from the API with a fresh token) are credential failures; anything else passes as is.
 *
 * @param context - the provider context, which knows where each credential came from.
 * @param work - the read or delete.
 */
export async function withStoredCredentials<T>(context: ProviderContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const setting = failedCredential(error);
    if (setting === undefined) throw error;
    const problem =
      error instanceof MissingCredentialError ? `${setting.what} is missing` : (error as Error).message;
    // Read by the resources' own key; named as the front door in use names it.
    const origin = context.credentialOrigin(setting);
    throw new StoredCredentialError(credentialSettingAsNamed(context.settings, setting), origin, problem);
  }
}

function failedCredential(error: unknown): CredentialSetting | undefined {
  if (error instanceof MissingCredentialError) {
    // By its variable: the config key is named as the front door in use names it.
    return error.envVar === HEROKU_API_KEY_SETTING.envVar
      ? HEROKU_API_KEY_SETTING
      : SQUADCAST_REFRESH_TOKEN_SETTING;
  }
  if (isApiError(error, "Heroku") && error.status === 401) return HEROKU_API_KEY_SETTING;
  if (isApiError(error, "Squadcast auth") && (error.status === 401 || error.status === 403)) {
    return SQUADCAST_REFRESH_TOKEN_SETTING;
  }
  if (isApiError(error, "Squadcast") && error.status === 401) return SQUADCAST_REFRESH_TOKEN_SETTING;
  return undefined;
}

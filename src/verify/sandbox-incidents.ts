import axios from "axios";

/** An incident as a sandbox's admin API lists it: the fields the `test-event` check reads. */
export interface SandboxIncident {
  /** The incident's id. */
  readonly id: string;
  /** `triggered` while open, `resolved` once closed. */
  readonly status: string;
  /** Its title. */
  readonly summary: string;
}

/**
 * The incidents of one service in a `heroku-squadcast-sandbox`, read from its admin API
 * (`GET /__sandbox/squadcast/incidents?service=…`). The library talks to the sandbox over HTTP only, so
 * it ships without it.
 *
 * @param adminUrl the sandbox's admin URL.
 * @param serviceId the service's id.
 */
export async function sandboxIncidents(adminUrl: string, serviceId: string): Promise<SandboxIncident[]> {
  const response = await axios.get<SandboxIncident[]>(
    `${adminUrl.replace(/\/+$/, "")}/__sandbox/squadcast/incidents`,
    {
      params: { service: serviceId },
      timeout: 30_000,
      validateStatus: () => true,
    },
  );
  if (response.status !== 200 || !Array.isArray(response.data)) {
    throw new Error(`the sandbox's admin API answered ${response.status} when listing incidents`);
  }
  return response.data;
}

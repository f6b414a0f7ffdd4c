/** The console's endpoint list for one connection: every catalogue entry, and whether it may be called. */
import type { ConnectionView } from '../../utils/connection';
import { availability, ENDPOINTS, type EndpointSpec } from '../../utils/endpoint-catalogue';

export interface EndpointChoice {
  endpoint: EndpointSpec;
  /** "Your sites — GET /v1.1/me/sites", with " (needs a site token)" when it cannot be called. */
  label: string;
  disabled: boolean;
}

export function endpointChoices(connection: ConnectionView): EndpointChoice[] {
  return ENDPOINTS.map((endpoint) => {
    const verdict = availability(endpoint, connection);
    const base = `${endpoint.title} — ${endpoint.method} ${endpoint.path}`;
    return verdict.allowed
      ? { endpoint, label: base, disabled: false }
      : { endpoint, label: `${base} (${verdict.reason})`, disabled: true };
  });
}

/** The first endpoint the connection may call (the catalogue's first one otherwise). */
export function defaultEndpointId(choices: readonly EndpointChoice[]): string {
  return (choices.find((choice) => !choice.disabled) ?? choices[0])?.endpoint.id ?? '';
}

/** What the inputs start with: a one-site connection's own site. */
export function initialParamValues(connection: ConnectionView): Record<string, string> {
  return connection.kind === 'site' && connection.blogId !== null ? { site: String(connection.blogId) } : {};
}

/** The values to send for an endpoint: its own parameters only, empty ones left out. */
export function paramsToSend(endpoint: EndpointSpec, values: Record<string, string>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const { name } of endpoint.params) {
    const value = values[name]?.trim();
    if (value) params[name] = value;
  }
  return params;
}

/** Which parameters the catalogue rejects as typed (the background said `invalid_params`; this says where). */
export function paramProblems(endpoint: EndpointSpec, values: Record<string, string>): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const param of endpoint.params) {
    const value = values[param.name]?.trim() ?? '';
    if (value === '') {
      if (param.required) problems[param.name] = `${param.name} is required.`;
      continue;
    }
    const parsed = param.schema.safeParse(value);
    if (!parsed.success) problems[param.name] = `${param.name}: ${parsed.error.issues[0]?.message ?? 'not valid'}.`;
  }
  return problems;
}

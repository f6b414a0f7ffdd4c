/** The console's endpoint list for one connection: every catalogue entry, and whether it may be called. */
import { i18n } from '#i18n';
import type { ConnectionView } from '../../utils/connection';
import { availability, ENDPOINT_META, type EndpointMeta, paramValueProblem } from '../../utils/endpoint-meta';

export interface EndpointChoice {
  endpoint: EndpointMeta;
  /**
   * "Your sites — GET /v1.1/me/sites", with " (needs a site token)" when it cannot be called, or " (it may need
   * the “users” scope)" when our assumed table says the connection's access may not cover it.
   */
  label: string;
  /** Only for what WordPress.com documents (a login token reaches only /me): nothing is sent. */
  disabled: boolean;
  /** Shown next to the form, not blocking: the connection's access may not cover this endpoint, and why. */
  caution?: string;
}

export function endpointChoices(connection: ConnectionView): EndpointChoice[] {
  return ENDPOINT_META.map((endpoint: EndpointMeta) => {
    const verdict = availability(endpoint, connection);
    const words = { title: endpoint.title, method: endpoint.method, path: endpoint.path };
    if (!verdict.allowed) {
      return {
        endpoint,
        label: i18n.t('console.choiceUnavailable', { ...words, reason: verdict.reason }),
        disabled: true,
      };
    }
    if (verdict.caution === undefined) return { endpoint, label: i18n.t('console.choice', words), disabled: false };
    return {
      endpoint,
      label: i18n.t('console.choiceMayNotCover', { ...words, caution: verdict.caution }),
      disabled: false,
      caution: i18n.t('console.mayNotCover', { caution: verdict.caution }),
    };
  });
}

/** The first endpoint the connection may call, one without a caution if there is one (else the catalogue's first). */
export function defaultEndpointId(choices: readonly EndpointChoice[]): string {
  const callable = choices.filter((choice) => !choice.disabled);
  return (callable.find((choice) => choice.caution === undefined) ?? callable[0] ?? choices[0])?.endpoint.id ?? '';
}

/** The endpoint the console starts with: the draft's, while it is one the connection may call, else the default. */
export function startingEndpointId(
  choices: readonly EndpointChoice[],
  draft: { endpoint: string } | undefined,
): string {
  const kept = draft && choices.find((choice) => choice.endpoint.id === draft.endpoint && !choice.disabled);
  return kept ? kept.endpoint.id : defaultEndpointId(choices);
}

/** What the inputs start with, without a draft: a one-site connection's own site. */
export function initialParamValues(connection: ConnectionView): Record<string, string> {
  return connection.kind === 'site' && connection.blogId !== null ? { site: String(connection.blogId) } : {};
}

/** The values to send for an endpoint: its own parameters only, empty ones left out. */
export function paramsToSend(endpoint: EndpointMeta, values: Record<string, string>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const { name } of endpoint.params) {
    const value = values[name]?.trim();
    if (value) params[name] = value;
  }
  return params;
}

/** Which parameters the catalogue rejects as typed (the background said `invalid_params`; this says where). */
export function paramProblems(endpoint: EndpointMeta, values: Record<string, string>): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const param of endpoint.params) {
    const value = values[param.name]?.trim() ?? '';
    if (value === '') {
      if (param.required) problems[param.name] = i18n.t('console.paramRequired', { name: param.name });
      continue;
    }
    const problem = paramValueProblem(param.rule, value);
    if (problem) problems[param.name] = i18n.t('console.paramProblem', { name: param.name, problem });
  }
  return problems;
}

/**
 * The whole "Log in with WordPress.com", run in the background worker:
 * state → consent window → callback check → code exchange at the proxy → token stored → profile.
 */
import { buildAuthenticateUrl } from './authorize-url';
import { codeFromCallback } from './callback';
import { extensionConfig } from './extension-config';
import { newPendingFlow } from './pending-flow';
import { fetchProfile } from './profile-refresh';
import { singleFlight } from './single-flight';
import { pendingFlowItem, readPendingFlow, saveConnection, savePendingFlow, wipeStoredSignIn } from './stored';
import { exchangeCodeRequest, processExchangeResponse } from './token-exchange';
import { launchWebAuthFlow, redirectUri } from './web-auth-flow';

async function runSignIn(): Promise<void> {
  const config = extensionConfig();
  const flow = newPendingFlow(redirectUri(), Date.now());
  await savePendingFlow(flow);

  const url = buildAuthenticateUrl({
    oauthUrl: config.WXT_WPCOM_OAUTH_URL,
    clientId: config.WXT_WPCOM_CLIENT_ID,
    redirectUri: flow.redirectUri,
    state: flow.state,
  });
  const callbackUrl = await launchWebAuthFlow(url);

  // The state is used once: read it back, then forget it before anything else happens.
  const pending = await readPendingFlow().finally(() => pendingFlowItem.removeValue());
  const code = codeFromCallback(callbackUrl, pending, Date.now());

  const connection = await processExchangeResponse(
    await exchangeCodeRequest(config.WXT_TOKEN_PROXY_URL, code, flow.redirectUri),
    Date.now(),
  );
  // A new sign-in replaces whatever was there before, profile cache included.
  await wipeStoredSignIn();
  await saveConnection(connection);
  await fetchProfile(connection);
}

/** One sign-in at a time: a second click while a flow is pending joins it (one auth window, ever). */
export const signIn = singleFlight(async () => {
  try {
    await runSignIn();
  } finally {
    await pendingFlowItem.removeValue();
  }
});

/** The local WordPress.com emulator: OAuth2 consent and token endpoints, REST API, Gravatar, test switches. */
export { createEmulatorApp, DEFAULT_CODE_TTL_MS, type EmulatorAppOptions } from './app.ts';
export { defaultEmulatorBehaviour, type EmulatorBehaviour, emulatorBehaviourSchema } from './behaviour.ts';
export type { EmulatorClient } from './clients.ts';
export { SANDBOX_API_APP, SANDBOX_EMULATOR_CLIENTS, SANDBOX_LOGIN_APP } from './sandbox-client.ts';
export { SITES, type SiteFixture, sitesOf } from './sites.ts';
export { type RunningEmulator, type StartEmulatorOptions, startEmulator } from './start-emulator.ts';
export { type EmulatorStats, emulatorStatsSchema } from './stats.ts';
export { type EmulatorUser, USERS, type UserKey } from './users.ts';

/** `npm run emulator`: the emulator on its sandbox port until Ctrl-C. HOST and PORT override. */

import { listening, PortInUseError } from '../port-in-use.ts';
import { SANDBOX_EMULATOR_PORT, SANDBOX_HOST } from '../sandbox-config.ts';
import { startEmulator } from './start-emulator.ts';

const host = process.env.HOST || SANDBOX_HOST;
const port = process.env.PORT ? Number.parseInt(process.env.PORT, 10) : SANDBOX_EMULATOR_PORT;
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a port number, not "${process.env.PORT}"`);
  process.exit(1);
}

let emulator: Awaited<ReturnType<typeof startEmulator>>;
try {
  emulator = await listening('emulator', port, startEmulator({ host, port }));
} catch (error) {
  // A taken port is said with what to do; anything else as it is.
  console.error(error instanceof PortInUseError ? error.message : error);
  process.exit(1);
}
console.log(`WordPress.com emulator listening on ${emulator.url}`);
console.log(`  OAuth2:   ${emulator.oauthUrl}/authenticate, ${emulator.oauthUrl}/authorize, ${emulator.tokenUrl}`);
console.log(`  REST:     ${emulator.apiUrl}/v1.1/{me,me/settings,me/sites,sites/{site}[/posts|/stats],read/…}`);
console.log(`  Gravatar: ${emulator.gravatarUrl}/profiles/{sha256}`);
console.log(`  Control:  ${emulator.url}/__sandbox/{reset,behaviour,revoke-tokens,stats,mint-codes}`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the emulator`);
  emulator.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('The emulator did not close cleanly', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

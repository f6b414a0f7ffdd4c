/** Bench child: the WordPress.com emulator, the upstream both targets exchange codes with. */
import { startEmulator } from '../../sandbox/emulator/start-emulator.ts';
import { serveTarget } from './serve-target.ts';

// Every sign-in of the bench looks up Gravatar from 127.0.0.1: no Gravatar limit (Gravatar's is 100 an hour).
await serveTarget(() => startEmulator({ host: '127.0.0.1', port: 0, gravatarHourlyLimit: null }));

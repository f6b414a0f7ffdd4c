/** Bench child: the WordPress.com emulator, the upstream both targets exchange codes with. */
import { startEmulator } from '../../sandbox/emulator/start-emulator.ts';
import { serveTarget } from './serve-target.ts';

await serveTarget(() => startEmulator({ host: '127.0.0.1', port: 0 }));

/** Bench child: the plain node:http forwarder, the baseline. */
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../../sandbox/sandbox-config.ts';
import { startPlainForwarder } from '../plain-forwarder.ts';
import { argValue, serveTarget } from './serve-target.ts';

await serveTarget(() =>
  startPlainForwarder({
    tokenUrl: argValue('--token-url'),
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: SANDBOX_CLIENT_SECRET,
    upstream: argValue('--upstream') === 'fetch' ? 'fetch' : 'http',
  }),
);

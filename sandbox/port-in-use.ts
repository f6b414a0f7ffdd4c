/**
 * A sandbox server's port taken by something else, said with what to do (`npm start`, `npm run emulator`).
 */

/** A sandbox server could not listen because something else already does. */
export class PortInUseError extends Error {
  readonly code = 'port_in_use';

  constructor(
    readonly server: 'emulator' | 'proxy',
    readonly port: number,
    options?: { cause?: unknown },
  ) {
    super(
      `Port ${port} (the ${server === 'emulator' ? 'WordPress.com emulator' : 'token proxy'}) is already in use.\n` +
        `Stop whatever listens there (another npm start, npm run ${server}, or see: ss -ltnp 'sport = :${port}') and try again,\n` +
        `or use another port: npm start -- --${server}-port <N>.`,
      options,
    );
    this.name = 'PortInUseError';
  }
}

function isAddressInUse(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EADDRINUSE') return true;
  }
  return false;
}

/** `start`, with a taken port said as a `PortInUseError` naming it. */
export async function listening<T>(server: 'emulator' | 'proxy', port: number, start: Promise<T>): Promise<T> {
  try {
    return await start;
  } catch (error) {
    throw isAddressInUse(error) ? new PortInUseError(server, port, { cause: error }) : error;
  }
}

import { describe, expect, it } from 'vitest';
import { createShutdown } from './shutdown';

describe('createShutdown', () => {
  it('stops in reverse order, once, however often it runs', async () => {
    const stopped: string[] = [];
    const shutdown = createShutdown();
    shutdown.add('emulator', async () => void stopped.push('emulator'));
    shutdown.add('browser', async () => void stopped.push('browser'));
    expect(shutdown.stopping).toBe(false);
    const [first, second] = await Promise.all([shutdown.run(), shutdown.run()]);
    expect(stopped).toEqual(['browser', 'emulator']);
    expect(first).toEqual([]);
    expect(second).toBe(first);
    expect(shutdown.stopping).toBe(true);
  });

  it('keeps going past a failure and reports it', async () => {
    const stopped: string[] = [];
    const failure = new Error('stuck');
    const shutdown = createShutdown();
    shutdown.add('emulator', async () => void stopped.push('emulator'));
    shutdown.add('proxy', () => Promise.reject(failure));
    expect(await shutdown.run()).toEqual([{ label: 'proxy', error: failure }]);
    expect(stopped).toEqual(['emulator']);
  });

  it('gives up on a stop that hangs', async () => {
    const shutdown = createShutdown({ timeoutMs: 20 });
    shutdown.add('browser', () => new Promise(() => {}));
    const [failure] = await shutdown.run();
    expect(failure?.label).toBe('browser');
    expect(String(failure?.error)).toContain('did not stop within');
  });

  it('stops at once what is added after stopping began', async () => {
    const shutdown = createShutdown();
    await shutdown.run();
    let stopped = false;
    shutdown.add('late browser', async () => {
      stopped = true;
    });
    expect(stopped).toBe(true);
  });
});

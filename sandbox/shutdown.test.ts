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

  it('closes what was still starting when stopping began, once it has started', async () => {
    const shutdown = createShutdown();
    let launched: ((browser: { close(): Promise<void> }) => void) | undefined;
    let closed = false;
    shutdown.addStarting('browser', new Promise((resolve) => (launched = resolve)));
    const stopping = shutdown.run();
    // The launch ends after the stop began: the stop waits for it, then closes what it started.
    await new Promise((resolve) => setTimeout(resolve, 20));
    launched?.({
      close: async () => {
        closed = true;
      },
    });
    expect(await stopping).toEqual([]);
    expect(closed).toBe(true);
  });

  it('has nothing to close when what was starting failed (it cleans up after itself)', async () => {
    const shutdown = createShutdown();
    shutdown.addStarting('browser', Promise.reject(new Error('no Chromium')));
    expect(await shutdown.run()).toEqual([]);
  });

  it('gives one stop a longer limit than the rest', async () => {
    const shutdown = createShutdown({ timeoutMs: 10 });
    shutdown.add('slow but fine', () => new Promise((resolve) => setTimeout(resolve, 50)), { timeoutMs: 1_000 });
    expect(await shutdown.run()).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { hasDisplay, parseStartArgs, StartArgsError } from './start-args';

describe('parseStartArgs', () => {
  it('runs with a window by default', () => {
    expect(parseStartArgs([])).toEqual({ kind: 'run', headless: false, browser: 'chromium' });
  });

  it('runs headless with --headless', () => {
    expect(parseStartArgs(['--headless'])).toEqual({ kind: 'run', headless: true, browser: 'chromium' });
  });

  it('picks the browser with --browser chromium|firefox, in either spelling', () => {
    expect(parseStartArgs(['--browser', 'firefox'])).toEqual({ kind: 'run', headless: false, browser: 'firefox' });
    expect(parseStartArgs(['--headless', '--browser=firefox'])).toEqual({
      kind: 'run',
      headless: true,
      browser: 'firefox',
    });
    expect(parseStartArgs(['--browser', 'chromium'])).toEqual({ kind: 'run', headless: false, browser: 'chromium' });
  });

  it('rejects another browser, or none, and says which it takes', () => {
    expect(() => parseStartArgs(['--browser', 'safari'])).toThrow('unknown browser "safari" (chromium or firefox)');
    expect(() => parseStartArgs(['--browser=chrome'])).toThrow(StartArgsError);
    expect(() => parseStartArgs(['--browser'])).toThrow('--browser needs a value: chromium or firefox');
  });

  it('asks for help with --help or -h, whatever else is there', () => {
    expect(parseStartArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseStartArgs(['--headless', '-h'])).toEqual({ kind: 'help' });
    expect(parseStartArgs(['--bogus', '--help'])).toEqual({ kind: 'help' });
  });

  it('rejects an unknown flag and names it', () => {
    expect(() => parseStartArgs(['--headles'])).toThrow(StartArgsError);
    expect(() => parseStartArgs(['--headless', '--port=1'])).toThrow('unknown argument "--port=1"');
  });

  it('takes other ports for the emulator and the proxy, in either spelling', () => {
    expect(parseStartArgs(['--emulator-port', '18790', '--proxy-port=18787'])).toEqual({
      kind: 'run',
      headless: false,
      browser: 'chromium',
      emulatorPort: 18790,
      proxyPort: 18787,
    });
  });

  it('rejects a port that is none, or one port for both', () => {
    expect(() => parseStartArgs(['--emulator-port'])).toThrow('--emulator-port needs a value');
    for (const bad of ['0', '65536', '80a', '-1', '']) {
      expect(() => parseStartArgs([`--proxy-port=${bad}`]), bad).toThrow(
        `--proxy-port must be a port number from 1 to 65535`,
      );
    }
    expect(() => parseStartArgs(['--proxy-port', '8790'])).toThrow(
      '--proxy-port: the emulator and the proxy need two ports, not both 8790',
    );
    expect(() => parseStartArgs(['--emulator-port', '8787'])).toThrow(
      '--emulator-port: the emulator and the proxy need two ports, not both 8787',
    );
    expect(() => parseStartArgs(['--emulator-port', '9000', '--proxy-port=9000'])).toThrow(
      '--emulator-port and --proxy-port: the emulator and the proxy need two ports, not both 9000',
    );
  });

  it('rejects a positional argument', () => {
    expect(() => parseStartArgs(['headless'])).toThrow('unknown argument "headless"');
  });
});

describe('hasDisplay', () => {
  it('is true with an X11 or a Wayland display, false with neither (or empty ones)', () => {
    expect(hasDisplay({ DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(hasDisplay({})).toBe(false);
    expect(hasDisplay({ DISPLAY: '', WAYLAND_DISPLAY: '' })).toBe(false);
  });
});

/**
 * The end-to-end set-up (emulator, proxy, relay, a build against them), with the emulator on the
 * sandbox's usual port: the console's request line shows its address, and it must not change between runs.
 */
import type { TestProject } from 'vitest/node';
import { SANDBOX_EMULATOR_PORT } from '../../sandbox/sandbox-config';
import setup from '../e2e/global-setup';

export default (project: TestProject) => setup(project, { emulatorPort: SANDBOX_EMULATOR_PORT });

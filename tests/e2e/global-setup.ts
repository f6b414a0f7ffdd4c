/** Starts the emulator, the proxy and the fault relay, builds the Chromium extension, and hands their addresses to the tests. */
import type { TestProject } from 'vitest/node';
import { type E2eServiceOptions, startE2eServices } from '../support/e2e-services';

export default async function setup(project: TestProject, options: E2eServiceOptions = {}) {
  const { services, close } = await startE2eServices('chromium', '.output/e2e', options);
  project.provide('e2e', services);
  return close;
}

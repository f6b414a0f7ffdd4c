/** Starts the emulator, the proxy and the fault relay, builds the Firefox add-on, and hands their addresses to the tests. */
import type { TestProject } from 'vitest/node';
import { startE2eServices } from '../support/e2e-services';

export default async function setup(project: TestProject) {
  const { services, close } = await startE2eServices('firefox', '.output/e2e-firefox');
  project.provide('e2e', services);
  return close;
}

/**
 * The oldest Node the proxy starts on: package.json's `engines` (22.12). Node 20 left maintenance in April 2026 and
 * gets no security fixes; a server that holds the client secret should not run on it. The proxy is tested on
 * Node 24.
 */
export const MIN_NODE = '22.12';

/** Why `version` (as `process.versions.node` gives it) is too old to run the proxy, or undefined when it is not. */
export function nodeTooOld(version: string): string | undefined {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [minMajor = 0, minMinor = 0] = MIN_NODE.split('.').map(Number);
  if (major > minMajor || (major === minMajor && minor >= minMinor)) return undefined;
  return `Node ${version} is too old: the proxy needs Node ${MIN_NODE} or later (it is tested on Node 24)`;
}

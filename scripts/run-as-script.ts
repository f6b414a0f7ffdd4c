/**
 * Whether the module at `moduleFile` (`import.meta.filename`) is the script Node was asked to run, rather than a
 * module imported by a test. `import.meta.main` needs Node 24; a path compared as given misses a script run through a
 * symbolic link. Both paths are resolved, so the check holds on any Node this project runs on, from any folder.
 */
import { realpathSync } from 'node:fs';

export function runAsScript(moduleFile: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(moduleFile);
  } catch {
    return false;
  }
}

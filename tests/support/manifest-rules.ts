/**
 * Manifest keys neither build may ever have: each would widen what the extension can reach or what can
 * reach it (SECURITY.md, "Supply chain"). Checked against the Chromium and the Firefox build.
 */
export const FORBIDDEN_MANIFEST_KEYS = [
  'content_scripts',
  'externally_connectable',
  'web_accessible_resources',
  'content_security_policy',
  'optional_permissions',
  'optional_host_permissions',
  'oauth2',
] as const;

import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { config as zodConfig } from 'zod';
import { handleMessage } from '../utils/background-router';
import { installPopupRoute } from '../utils/popup-route';
import { onBrowserStartup } from '../utils/startup';

export default defineBackground(() => {
  // A service worker may not evaluate strings (the extension's CSP): zod's probe for that, `new Function('')`,
  // would only raise a content-security-policy violation, reported from the worker's first object schema.
  zodConfig({ jitless: true });
  // Registered synchronously so a message or the start-up event that wakes the worker is never missed.
  // Nothing else runs at the top level: the work happens in the listeners.
  browser.runtime.onMessage.addListener((message, sender) => handleMessage(message, sender));
  browser.runtime.onStartup.addListener(() => onBrowserStartup());
  // Chromium: while this worker runs, it serves popup.html with the kept first frame in it (utils/popup-route.ts).
  installPopupRoute();
});

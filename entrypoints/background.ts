import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { handleMessage } from '../utils/background-router';
import { onBrowserStartup } from '../utils/startup';

export default defineBackground(() => {
  // Registered synchronously so a message or the start-up event that wakes the worker is never missed.
  // Nothing else runs at the top level: the work happens in the listeners.
  browser.runtime.onMessage.addListener((message, sender) => handleMessage(message, sender));
  browser.runtime.onStartup.addListener(() => onBrowserStartup());
});

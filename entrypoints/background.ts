import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { handleMessage } from '../utils/background-router';

export default defineBackground(() => {
  // Registered synchronously so a message that wakes the worker is never missed.
  browser.runtime.onMessage.addListener((message, sender) => handleMessage(message, sender));
});

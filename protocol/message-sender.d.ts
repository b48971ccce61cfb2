import type { Browser } from 'wxt/browser';

/**
 * @webext-core/messaging types a message's sender as `chrome.runtime.MessageSender`, from
 * @types/chrome, which this project does not install (WXT's `Browser` types describe the same
 * API). Without this alias every `m.sender` would be an unresolved type.
 */
declare global {
  namespace chrome.runtime {
    type MessageSender = Browser.runtime.MessageSender;
  }
}

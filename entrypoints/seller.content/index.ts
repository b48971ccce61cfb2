import { defineContentScript } from '#imports';

export default defineContentScript({
  matches: ['https://*.tmall.com/*', 'https://*.taobao.com/*'],
  main() {},
});

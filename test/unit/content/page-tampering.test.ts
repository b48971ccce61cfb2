import { afterEach, describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { BADGE_TAG, badgeTagOf, createBadgeHost, isBadgeHost } from '../../../components/countdown-badge';
import { ignoreForgedInvalidation } from '../../../entrypoints/seller.content/invalidation-guard';

/**
 * Issue 17 item 6 / review L1: script in the page's own world switched the content script
 * off by forging WXT's invalidation event, or by defining our badge tag first.
 */

const EVENT = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string })
  .SCRIPT_STARTED_MESSAGE_TYPE;
const forge = () =>
  document.dispatchEvent(
    new CustomEvent(EVENT, { detail: { contentScriptName: 'seller', messageId: 'forged' } }),
  );

let ctx: ContentScriptContext | null = null;
afterEach(() => ctx?.abort());

describe('a forged "newer copy started" event', () => {
  it('switches an unguarded context off (the review’s finding)', () => {
    ctx = new ContentScriptContext('seller');
    forge();
    expect(ctx.isInvalid).toBe(true);
  });

  it('is stopped while our runtime is alive; a real newer copy (runtime gone) still stops us', () => {
    ctx = new ContentScriptContext('seller');
    let alive = true;
    const off = ignoreForgedInvalidation(window, EVENT, () => alive);
    forge();
    expect(ctx.isInvalid).toBe(false);
    alive = false; // the extension was updated: this copy's runtime is gone
    forge();
    expect(ctx.isInvalid).toBe(true);
    off();
  });
});

describe('the badge tag defined first by the page', () => {
  it('a page definition with a closed shadow root does not stop the badges: they take a name of their own', () => {
    const page = new Window({ url: 'https://refund2.tmall.com/dispute/sellerDisputeList.htm' });
    const doc = page.document as unknown as Document;
    class Squatter extends (page.HTMLElement as unknown as typeof HTMLElement) {
      constructor() {
        super();
        this.attachShadow({ mode: 'closed' });
      }
    }
    page.customElements.define(BADGE_TAG, Squatter as unknown as never);
    // the page's element cannot carry our shadow root
    expect(() => doc.createElement(BADGE_TAG).attachShadow({ mode: 'open' })).toThrow();
    const host = createBadgeHost(doc);
    expect(host.shadowRoot).not.toBeNull();
    expect(host.localName).not.toBe(BADGE_TAG);
    expect(host.localName.startsWith(`${BADGE_TAG}-`)).toBe(true);
    expect(badgeTagOf(doc)).toBe(host.localName);
    expect(isBadgeHost(host)).toBe(true);
    // the next ones use the same name; other documents keep the plain one
    expect(createBadgeHost(doc).localName).toBe(host.localName);
    expect(createBadgeHost(document).localName).toBe(BADGE_TAG);
    page.close();
  });
});

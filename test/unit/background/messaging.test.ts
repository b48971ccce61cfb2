import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Clock, NOW, freshProfile, sentinel } from './helpers';
import { registerSentinel } from '../../../entrypoints/background/register';
import { sendMessage } from '../../../entrypoints/background/messaging';
import { defaultPack } from '../../../core';

let off: (() => void) | undefined;
beforeEach(freshProfile);
afterEach(() => off?.());

describe('the ProtocolMap binding, end to end through runtime messaging', () => {
  it('answers typed messages and rejects invalid payloads with the path', async () => {
    off = registerSentinel(sentinel(new Clock(NOW)));
    const settings = await sendMessage('getSettings');
    expect(settings.warningThresholdsHours).toEqual([4, 1]);
    const info = await sendMessage('getPackInfo');
    expect(info.active.id).toBe(defaultPack.id);

    await expect(sendMessage('saveSettings', { locale: 'fr' } as never)).rejects.toThrow(/saveSettings: invalid payload — locale/);
    await expect(sendMessage('importPack', { json: 42 } as never)).rejects.toThrow(/importPack: invalid payload — json/);
    await expect(sendMessage('getQueue', { sneaky: true } as never)).rejects.toThrow(/getQueue: invalid payload/);
    // no sender tab through runtime.sendMessage: a page report is refused
    await expect(sendMessage('reportPage', { url: 'https://refund2.tmall.com/dispute/seller/list.htm', cases: [] })).rejects.toThrow(/content script/);
  });

  it('registers the worker events synchronously (alarms, tabs, notifications, install/startup)', () => {
    off = registerSentinel(sentinel(new Clock(NOW)));
    expect(fakeBrowser.alarms.onAlarm.hasListeners()).toBe(true);
    expect(fakeBrowser.tabs.onRemoved.hasListeners()).toBe(true);
    expect(fakeBrowser.tabs.onUpdated.hasListeners()).toBe(true);
    expect(fakeBrowser.notifications.onClicked.hasListeners()).toBe(true);
    expect(fakeBrowser.runtime.onStartup.hasListeners()).toBe(true);
  });

  it('init sets the side panel to open on the toolbar button', async () => {
    const s = sentinel(new Clock(NOW));
    await s.events.init();
    expect(fakeBrowser.sidePanel.setPanelBehavior).toHaveBeenCalledWith({ openPanelOnActionClick: true });
  });
});

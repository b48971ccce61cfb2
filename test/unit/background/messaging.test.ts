import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Clock, NOW, freshProfile, sendAs, senders, sentinel } from './helpers';
import { registerWorker } from '../../../entrypoints/background/register';
import { sendMessage } from '../../../protocol/messaging';
import { defaultPack } from '../../../core';

let off: (() => void) | undefined;
beforeEach(freshProfile);
afterEach(() => off?.());

describe('the ProtocolMap binding, end to end through runtime messaging', () => {
  it('answers typed messages and rejects invalid payloads with the path', async () => {
    off = registerWorker(sentinel(new Clock(NOW)));
    const panel = senders.sidePanel();
    const settings = (await sendAs(panel, 'getSettings')) as { warningThresholdsHours: number[] };
    expect(settings.warningThresholdsHours).toEqual([4, 1]);
    const info = (await sendAs(panel, 'getPackInfo')) as { active: { id: string } };
    expect(info.active.id).toBe(defaultPack.id);

    await expect(sendAs(panel, 'saveSettings', { locale: 'fr' })).rejects.toThrow(
      /saveSettings: invalid payload — locale/,
    );
    await expect(sendAs(panel, 'importPack', { json: 42 })).rejects.toThrow(
      /importPack: invalid payload — json/,
    );
    await expect(sendAs(panel, 'getQueue', { sneaky: true })).rejects.toThrow(/getQueue: invalid payload/);
    // an extension page is no back-office tab: a page report from it is refused
    await expect(
      sendAs(panel, 'reportPage', {
        url: 'https://refund2.tmall.com/dispute/sellerDisputeList.htm',
        cases: [],
      }),
    ).rejects.toThrow(/reportPage: refused from an extension page/);
  });

  it('the typed sendMessage reaches the worker; a sender the browser does not describe is refused', async () => {
    off = registerWorker(sentinel(new Clock(NOW)));
    // the fake browser's runtime.sendMessage passes an empty sender
    await expect(sendMessage('getSettings')).rejects.toThrow(/getSettings: refused from an unknown sender/);
  });

  it('registers the worker events synchronously (alarms, tabs, notifications, install/startup)', () => {
    off = registerWorker(sentinel(new Clock(NOW)));
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

import { render } from 'preact';
import { browser } from '#imports';
import { onMessage, sendMessage } from '../background/messaging';
import { App, type PanelApi } from './app';
import './style.css';

const api: PanelApi = {
  getTabCases: () => sendMessage('getTabCases', {}),
  getQueue: () => sendMessage('getQueue'),
  getFocusedCase: () => sendMessage('getFocusedCase'),
  getSettings: () => sendMessage('getSettings'),
  focusCase: (key) => sendMessage('focusCase', { key }),
  onChange(cb) {
    const off = onMessage('casesChanged', () => cb());
    // The docked panel follows the agent between tabs.
    const onTab = () => cb();
    browser.tabs.onActivated.addListener(onTab);
    return () => {
      off();
      browser.tabs.onActivated.removeListener(onTab);
    };
  },
};

render(<App api={api} />, document.getElementById('app')!);

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { ShortcutList } from '../../../components/shortcut-list';
import { LocaleContext, uiMessages } from '../../../components/i18n';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.replaceChildren(root);
});
afterEach(() => render(null, root));

describe('options: the keyboard shortcuts', () => {
  it('lists our three commands with their keys, says when a key is not set, and opens the browser’s page to change them', () => {
    const onChange = vi.fn();
    render(
      <ShortcutList
        shortcuts={[
          { name: '_execute_action', shortcut: 'Alt+Shift+S' },
          { name: 'copy-first-reply', shortcut: 'Alt+Shift+V' },
          { name: 'jump-most-urgent', shortcut: '' },
          { name: 'someone-elses', shortcut: 'Ctrl+Q' },
        ]}
        onChange={onChange}
      />,
      root,
    );
    const rows = [...root.querySelectorAll('[data-testid="shortcut"]')].map((r) => [
      r.getAttribute('data-command'),
      r.textContent,
    ]);
    expect(rows).toEqual([
      ['_execute_action', '打开售后哨兵侧边栏Alt+Shift+S'],
      ['copy-first-reply', '复制当前售后的第一条建议回复Alt+Shift+V'],
      ['jump-most-urgent', '跳到最紧急的售后未设置'],
    ]);
    (root.querySelector('[data-testid="shortcuts-change"]') as HTMLButtonElement).click();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('in English, and when the browser lists nothing', () => {
    render(
      <LocaleContext.Provider value={uiMessages('en')}>
        <ShortcutList shortcuts={[]} />
      </LocaleContext.Provider>,
      root,
    );
    expect(root.textContent).toContain('Keyboard shortcuts');
    expect(root.textContent).toContain('The browser did not list the shortcuts.');
    expect(root.querySelector('[data-testid="shortcuts-change"]')).toBeNull();
  });
});

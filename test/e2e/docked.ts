/**
 * The DOCKED side panel through the DevTools Protocol: it is not a Playwright page, but the
 * browser lists it as a target (`…/sidepanel.html` that is no tab). Used by the e2e harness
 * and by the demo (`npm start`). Plain Node: no vitest imports here.
 */
import type { BrowserContext, CDPSession } from 'playwright-core';

export interface DockedPanel {
  /** Evaluate an expression in the panel (returned by value; promises awaited). */
  evaluate<T>(expression: string): Promise<T>;
  /** A PNG of the panel as the agent sees it. */
  screenshot(): Promise<Buffer>;
  /** The panel's viewport in CSS px. */
  size(): Promise<{ width: number; height: number }>;
  /** Emulate `prefers-color-scheme` (as Playwright's page.emulateMedia does for a page). */
  colorScheme(scheme: 'light' | 'dark'): Promise<void>;
}

/** The target id of the docked panel, if one is open now (`tabs`: target ids of sidepanel.html pages opened as tabs). */
export async function dockedTargetId(
  session: CDPSession,
  panelUrl: string,
  tabs: ReadonlySet<string> = new Set(),
): Promise<string | undefined> {
  const { targetInfos } = (await session.send('Target.getTargets')) as {
    targetInfos: Array<{ targetId: string; url: string }>;
  };
  return targetInfos.find((t) => t.url === panelUrl && !tabs.has(t.targetId))?.targetId;
}

/** Target ids of the context's pages showing `url` (the panel opened as a tab is not the docked one). */
export async function tabTargetIds(context: BrowserContext, url: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const p of context.pages().filter((pg) => pg.url() === url)) {
    const s = await context.newCDPSession(p);
    ids.add(
      ((await s.send('Target.getTargetInfo')) as { targetInfo: { targetId: string } }).targetInfo.targetId,
    );
    await s.detach().catch(() => {});
  }
  return ids;
}

/** Attach to the docked panel `targetId` through the browser session. */
export async function attachDocked(session: CDPSession, targetId: string): Promise<DockedPanel> {
  const { sessionId } = await session.send('Target.attachToTarget', { targetId, flatten: false });
  let nextId = 1;
  type Reply = {
    result?: Record<string, unknown> & { result?: { value?: unknown }; exceptionDetails?: unknown };
    error?: { message: string };
  };
  const waiting = new Map<number, (m: Reply) => void>();
  session.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message) as { id?: number };
    if (m.id !== undefined) waiting.get(m.id)?.(m as Reply);
  });
  const call = async (method: string, params: Record<string, unknown>): Promise<Reply> => {
    const id = nextId++;
    const reply = new Promise<Reply>((resolve) => waiting.set(id, resolve));
    await session.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    const m = await reply;
    waiting.delete(id);
    if (m.error) throw new Error(`docked side panel: ${method}: ${m.error.message}`);
    return m;
  };
  const panel: DockedPanel = {
    async evaluate<T>(expression: string): Promise<T> {
      const m = await call('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
      if (m.result?.exceptionDetails)
        throw new Error(`docked side panel: ${JSON.stringify(m.result.exceptionDetails)}`);
      return m.result?.result?.value as T;
    },
    async screenshot(): Promise<Buffer> {
      const m = await call('Page.captureScreenshot', { format: 'png' });
      return Buffer.from(typeof m.result?.['data'] === 'string' ? m.result['data'] : '', 'base64');
    },
    size: () =>
      panel.evaluate<{ width: number; height: number }>('({ width: innerWidth, height: innerHeight })'),
    async colorScheme(scheme) {
      await call('Emulation.setEmulatedMedia', {
        features: [{ name: 'prefers-color-scheme', value: scheme }],
      });
    },
  };
  return panel;
}

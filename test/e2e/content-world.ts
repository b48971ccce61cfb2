import type { BrowserContext, CDPSession, Page } from 'playwright-core';

/** What the worker answers a message with, in @webext-core/messaging's wire format. */
export type Answer = { res?: unknown; err?: { message?: string } };

/** A message in @webext-core/messaging's wire format, as JSON. */
export function wire(type: string, data: unknown, id = Math.floor(Math.random() * 1e9)): string {
  return JSON.stringify({ id, type, data, timestamp: Date.now() });
}

type ExecutionContext = { id: number; name: string; auxData?: { type?: string; isDefault?: boolean } };

/**
 * A page's content-script world (the isolated world where `chrome.runtime.id` is our
 * extension's), reached over the DevTools Protocol: what a compromised content script could
 * send from there, the worker's door sees as a content script's message.
 */
export class ContentWorld {
  private readonly contexts: ExecutionContext[] = [];
  private id = 0;

  private constructor(
    private readonly cdp: CDPSession,
    private readonly extensionId: string,
  ) {}

  static async attach(context: BrowserContext, page: Page, extensionId: string): Promise<ContentWorld> {
    const world = new ContentWorld(await context.newCDPSession(page), extensionId);
    world.cdp.on('Runtime.executionContextCreated', (e: { context: ExecutionContext }) => {
      world.contexts.push(e.context);
    });
    world.cdp.on('Runtime.executionContextsCleared', () => {
      world.contexts.length = 0;
    });
    await world.cdp.send('Runtime.enable');
    await world.find();
    return world;
  }

  /** Finds the world (again, after a reload): polls the isolated contexts for ours, 5 s at most. */
  async find(): Promise<void> {
    this.id = 0;
    for (let i = 0; i < 50 && !this.id; i++) {
      for (const c of this.contexts.filter((x) => x.auxData?.type === 'isolated')) {
        const r = (await this.cdp
          .send('Runtime.evaluate', {
            expression: 'globalThis.chrome?.runtime?.id ?? null',
            contextId: c.id,
            returnByValue: true,
          })
          .catch(() => null)) as { result: { value: unknown } } | null;
        if (r?.result.value === this.extensionId) this.id = c.id;
      }
      if (!this.id) await new Promise((res) => setTimeout(res, 100));
    }
    if (!this.id)
      throw new Error(
        `the content script's isolated world was not found among ${JSON.stringify(this.contexts.map((c) => [c.name, c.auxData]))}`,
      );
  }

  /** Sends a wire message (`wire()`) with chrome.runtime.sendMessage from this world: the answer, or the error. */
  async send(message: string): Promise<Answer> {
    const r = (await this.cdp.send('Runtime.evaluate', {
      expression: `chrome.runtime.sendMessage(${message}).then((x) => JSON.stringify(x ?? null), (e) => JSON.stringify({ err: { message: String((e && e.message) || e) } }))`,
      contextId: this.id,
      awaitPromise: true,
      returnByValue: true,
    })) as { result: { value: string } };
    return JSON.parse(r.result.value) as Answer;
  }
}

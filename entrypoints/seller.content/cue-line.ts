import type { LayerContext } from './badge-layer';

/** The element of the line (a tag of our own, so the page's styles and scripts leave it alone). */
export const CUE_TAG = 'aftersale-sentinel-cue';

const CSS = `:host{all:initial;position:fixed;z-index:2147483647;right:16px;bottom:16px;max-width:min(420px,calc(100vw - 32px))}
.line{display:block;box-sizing:border-box;padding:8px 12px;border-radius:6px;background:#262626;color:#fff;font:13px/20px system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;box-shadow:0 4px 12px rgba(0,0,0,.25);overflow-wrap:anywhere}`;

/**
 * A keyboard command's result, said on the page for a few seconds: one line, bottom right,
 * in our own shadow root, as text (`role=status`, so a screen reader reads it too). A new
 * line replaces the one shown.
 */
export class CueLine {
  private host: HTMLElement | null = null;
  private hideAt = 0;

  constructor(
    private readonly ctx: Pick<LayerContext, 'setTimeout' | 'onInvalidated'>,
    private readonly doc: Document = document,
    private readonly ms = 4000,
  ) {
    ctx.onInvalidated(() => this.remove());
  }

  show(text: string): void {
    if (!this.host || !this.host.isConnected) {
      const host = this.doc.createElement(CUE_TAG);
      const shadow = host.attachShadow({ mode: 'open' });
      const style = this.doc.createElement('style');
      style.textContent = CSS;
      const line = this.doc.createElement('span');
      line.className = 'line';
      line.setAttribute('role', 'status');
      line.setAttribute('data-testid', 'cue');
      shadow.append(style, line);
      (this.doc.body ?? this.doc.documentElement).append(host);
      this.host = host;
    }
    (this.host.shadowRoot!.querySelector('.line') as HTMLElement).textContent = text;
    const at = (this.hideAt = Date.now() + this.ms);
    this.ctx.setTimeout(() => {
      if (this.hideAt === at) this.remove();
    }, this.ms);
  }

  remove(): void {
    this.host?.remove();
    this.host = null;
  }
}

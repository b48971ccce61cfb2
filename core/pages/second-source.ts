import type { PanelRead } from '../model/facts';
import type { CrossChecked } from '../model/vocabulary';

/**
 * A second-source mark in the agent's words (core/pages/dispute-data.ts finds them): its own
 * module, free of DOM code, for the side panel and the `guidance` command.
 */

export type SecondSourceMark = NonNullable<PanelRead['secondSource']>[number];

const FIELD_NAMES: Record<CrossChecked, { zh: string; en: string }> = {
  returnCarrier: { zh: '退货物流公司', en: 'Return carrier' },
};

/** A mark in the agent's words, zh-CN and English, naming both sources (side panel, `guidance`). */
export function secondSourceMessage(mark: SecondSourceMark): { zh: string; en: string } {
  const name = FIELD_NAMES[mark.field];
  return {
    zh: `${name.zh}无法确定：页面上显示「${mark.page}」，页面内嵌的数据（disputeData）却是「${mark.script}」。两者不一致，不做判断，请打开物流详情核对。`,
    en: `${name.en} unreadable: the page shows “${mark.page}” but its embedded data (disputeData) says “${mark.script}”. They disagree and neither is used — open the tracking details to check.`,
  };
}

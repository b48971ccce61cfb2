import type { RulePack } from '../model/rule-pack';
import { cite } from './sources';

/**
 * The default rule pack: everything in ../shared/domain/after-sales-rules.md as cited data.
 * Rule texts are written in our own words; each rule cites its seed passage (heading or
 * first words). Where the sources disagree, each variant is kept with its platform and era
 * (profiles `tmall` 2019+, `tmall-legacy` before the 2019 update, `taobao`).
 *
 * Countdown mapping (countdownTargets): a refund / after-sale panel's own countdown is the
 * seller's time to respond (S0 "如果2天23时7分51秒内商家未处理"); a complaint panel's
 * countdown is the seller's handling time (S1 "卖家须在24小时内进行处理").
 *
 * Intervention variants: Tmall profiles open 小二介入 72 h after the request (S0); the Taobao
 * profile follows the newer flow where the buyer may ask as soon as the seller rejects
 * (S1 exam single-choice 7), so it has no 72 h timer but a note on rejecting.
 */

const t = (zh: string, en: string) => ({ zh, en });
const BOTH = ['tmall', 'taobao'] as ('tmall' | 'taobao')[];
const TMALL = ['tmall'] as ('tmall' | 'taobao')[];
const TAOBAO = ['taobao'] as ('tmall' | 'taobao')[];
const CLOSED_REFUND = ['退款成功', '退款关闭'];
/**
 * Listed only while the panel's trade status says 买家已付款 (paid, not shipped). A missing or
 * unreadable status is not guessed; an empty 发货时间 cell does not matter once the status says so.
 */
const UNSHIPPED = { tradeStatus: ['买家已付款' as const] };
const DELIVERY = ['out-of-stock', 'late-ship', 'wrong-shipment', 'fake-shipment'] as const;

export const defaultPackInput: RulePack = {
  schemaVersion: '1.0',
  id: 'aftersale-sentinel-default',
  version: '2026.11.23',
  title: t('售后哨兵默认规则包（天猫 / 淘宝）', 'Aftersale Sentinel default rule pack (Tmall / Taobao)'),
  defaultPlatform: 'tmall',
  countdownTargets: { refund: 'seller-response', aftersale: 'seller-response', complaint: 'complaint-seller-handle' },
  // Our own margin, not a platform rule: a page countdown more than an hour away from the
  // pack's value for the same deadline means the pack (or the page) has changed.
  countdownToleranceMinutes: 60,
  profiles: [
    { id: 'tmall', platform: 'tmall', era: '2019+', default: true, label: t('天猫（2019年5月起：48小时发货、红包赔付）', 'Tmall (from May 2019: 48 h shipping, red-packet compensation)') },
    { id: 'tmall-legacy', platform: 'tmall', era: '–2019', label: t('天猫旧规（72小时发货、积分赔付）', 'Tmall before 2019 (72 h shipping, points compensation)') },
    { id: 'taobao', platform: 'taobao', era: '2014+', default: true, label: t('淘宝集市', 'Taobao (C shops)') },
  ],
  rules: [
    // ───────────────────────── Timers (digest §3) ─────────────────────────
    {
      id: 'timer-intervention-open-aftersale', type: 'timer', platforms: TMALL, deadlineId: 'intervention-open',
      reason: t('售后申请同样在72小时后才可申请客服介入', 'After-sale requests also open intervention 72 h after the request'),
      citation: cite('S0', '售后增加了超时机制,售后超时机制和售中保持一致,申请客服介入的时间也是72小时后'),
      label: t('可申请小二介入', 'Intervention opens'), actor: 'seller',
      consequence: t('买家可申请小二介入（售后纠纷）', 'The buyer may ask the platform to intervene'),
      start: { fact: 'refundRequestedAt' }, length: { hours: 72 },
      when: { kinds: ['aftersale'] }, show: { notRefundStatus: [...CLOSED_REFUND, '介入'] },
    },
    {
      id: 'timer-intervention-open', type: 'timer', platforms: TMALL, deadlineId: 'intervention-open',
      reason: t('买家申请退款72小时后才可申请小二介入；之前处理完可避免计入退款纠纷率', 'Intervention opens 72 h after the refund request; settling before avoids the dispute rate'),
      citation: cite('S0', '每一笔退款,买家申请退款后3天(72小时)才可以申请小二介入'),
      label: t('可申请小二介入', 'Intervention opens'), actor: 'seller',
      consequence: t('买家可申请小二介入，计入退款纠纷率', 'The buyer may ask the platform to intervene; counts in the dispute rate'),
      start: { fact: 'refundRequestedAt' }, length: { hours: 72 },
      when: { kinds: ['refund', 'aftersale'] }, show: { notRefundStatus: [...CLOSED_REFUND, '介入'] },
    },
    {
      id: 'timer-seller-response-taobao', type: 'timer', platforms: TAOBAO, deadlineId: 'seller-response',
      reason: t('买家申请退款后卖家有5天处理；同意或不响应则退款协议生效进入退货流程', 'The seller has 5 days to answer a refund; agreeing or silence starts the return flow'),
      citation: cite('S1', '当您申请退款后,卖家有5天时间处理'),
      label: t('卖家处理退款', 'Seller answers the refund'), actor: 'seller',
      consequence: t('超时视为同意，退款协议生效', 'Silence counts as agreement: the refund agreement takes effect'),
      start: { fact: 'refundRequestedAt' }, length: { days: 5 },
      show: { kinds: ['refund', 'aftersale'], notRefundStatus: [...CLOSED_REFUND, '协议达成', '买家已退货', '介入'] },
    },
    {
      id: 'timer-seller-response-tmall', type: 'timer', platforms: TMALL, deadlineId: 'seller-response',
      reason: t('天猫由页面倒计时给出商家处理时限，超时退款自动达成；资料未给出固定时长', 'Tmall shows the seller’s time as a live countdown; the sources give no fixed length'),
      citation: cite('S0', '如果2天23时7分51秒内商家未处理,退款申请将达成'),
      label: t('商家处理退款', 'Seller answers the refund'), actor: 'seller',
      consequence: t('超时未处理，退款申请自动达成并退款', 'If the seller does nothing, the refund is granted automatically'),
      start: { fact: 'refundRequestedAt' }, length: null,
      show: { kinds: ['refund', 'aftersale'], notRefundStatus: CLOSED_REFUND },
    },
    {
      id: 'timer-ship-promise-tmall-special', type: 'timer', platforms: TMALL, profiles: ['tmall'], deadlineId: 'ship-promise',
      reason: t('定制、预售等特殊商品按另行约定的时间发货', 'Custom / presale items ship by the separately agreed time'),
      citation: cite('S3', '(1)未按约定时间发货:这个是指除特殊商品外'),
      label: t('发货时限', 'Ship by'), actor: 'seller',
      consequence: t('逾期可被投诉未按约定时间发货', 'Late shipping can be claimed as 未按约定时间发货'),
      start: { fact: 'paidAt' }, length: null, when: { activity: ['预售', '定制'] }, show: { kinds: ['refund'], ...UNSHIPPED },
    },
    {
      id: 'timer-ship-promise-tmall', type: 'timer', platforms: TMALL, profiles: ['tmall'], deadlineId: 'ship-promise',
      reason: t('天猫2019起：付款后48小时内发货', 'Tmall since 2019: ship within 48 h of payment'),
      citation: cite('S3', '商家在买家付款后实际未在48小时内发货'),
      label: t('发货时限', 'Ship by'), actor: 'seller',
      consequence: t('逾期按延迟发货规则赔付', 'Late shipping triggers the delayed-shipping compensation'),
      start: { fact: 'paidAt' }, length: { hours: 48 }, show: { kinds: ['refund'], ...UNSHIPPED },
    },
    {
      id: 'timer-ship-promise-tmall-legacy-special', type: 'timer', platforms: TMALL, profiles: ['tmall-legacy'], deadlineId: 'ship-promise',
      reason: t('旧规：预售和定制商品以商品信息描述的时间为准', 'Older rule: presale and custom items ship by the time in the listing'),
      citation: cite('S0', '天猫的发货时间:普通信息72小时内发货'),
      label: t('发货时限', 'Ship by'), actor: 'seller',
      consequence: t('逾期可被投诉未按约定时间发货', 'Late shipping can be claimed as 未按约定时间发货'),
      start: { fact: 'paidAt' }, length: null, when: { activity: ['预售', '定制'] }, show: { kinds: ['refund'], ...UNSHIPPED },
    },
    {
      id: 'timer-ship-promise-tmall-legacy-jhs', type: 'timer', platforms: TMALL, profiles: ['tmall-legacy'], deadlineId: 'ship-promise',
      reason: t('旧规：聚划算商品7天内发货', 'Older rule: 聚划算 items ship within 7 days'),
      citation: cite('S0', '天猫的发货时间:普通信息72小时内发货,聚划算7天内发货'),
      label: t('发货时限', 'Ship by'), actor: 'seller',
      consequence: t('逾期可被投诉未按约定时间发货', 'Late shipping can be claimed as 未按约定时间发货'),
      start: { fact: 'paidAt' }, length: { days: 7 }, when: { activity: ['聚划算'] }, show: { kinds: ['refund'], ...UNSHIPPED },
    },
    {
      id: 'timer-ship-promise-tmall-legacy', type: 'timer', platforms: TMALL, profiles: ['tmall-legacy'], deadlineId: 'ship-promise',
      reason: t('旧规：普通商品付款后72小时内发货，以快递公司系统记录为准', 'Older rule: ship within 72 h; the carrier’s record is the shipping time'),
      citation: cite('S0', '天猫的发货时间:普通信息72小时内发货'),
      label: t('发货时限', 'Ship by'), actor: 'seller',
      consequence: t('逾期可被投诉未按约定时间发货', 'Late shipping can be claimed as 未按约定时间发货'),
      start: { fact: 'paidAt' }, length: { hours: 72 }, show: { kinds: ['refund'], ...UNSHIPPED },
    },
    {
      id: 'timer-ship-promise-taobao-special', type: 'timer', platforms: TAOBAO, deadlineId: 'ship-promise',
      reason: t('定制、预售商品按约定时间发货', 'Custom / presale items ship by the agreed time'),
      citation: cite('S1', '淘宝规则对淘宝集市卖家的发货时间有一定要求'),
      label: t('发货时限', 'Ship by'), actor: 'seller',
      consequence: t('逾期可被投诉未按约定时间发货', 'Late shipping can be claimed as 未按约定时间发货'),
      start: { fact: 'paidAt' }, length: null, when: { activity: ['预售', '定制'] }, show: { kinds: ['refund'], ...UNSHIPPED },
    },
    {
      id: 'timer-ship-promise-taobao-activity', type: 'timer', platforms: TAOBAO, deadlineId: 'ship-promise',
      reason: t('参加淘宝活动的商品（如聚划算）7天内发货', 'Items in Taobao activities (e.g. 聚划算) ship within 7 days'),
      citation: cite('S1', '参加淘宝活动的商品(如“聚划算商品”)需在7天内发货'),
      label: t('发货时限', 'Ship by'), actor: 'seller',
      consequence: t('逾期可被投诉未按约定时间发货', 'Late shipping can be claimed as 未按约定时间发货'),
      start: { fact: 'paidAt' }, length: { days: 7 }, when: { activity: ['聚划算', '淘宝活动'] }, show: { kinds: ['refund'], ...UNSHIPPED },
    },
    {
      id: 'timer-ship-promise-taobao-flash-virtual', type: 'timer', platforms: TAOBAO, deadlineId: 'ship-promise',
      reason: t('闪电发货的虚拟商品1小时内发货', 'Flash-shipping virtual goods ship within 1 h'),
      citation: cite('S1', '闪电发货虚拟商品需在1小时内发货'),
      label: t('发货时限', 'Ship by'), actor: 'seller',
      consequence: t('逾期可被投诉未按约定时间发货', 'Late shipping can be claimed as 未按约定时间发货'),
      start: { fact: 'paidAt' }, length: { hours: 1 }, when: { activity: ['闪电发货'], logistics: ['虚拟', '无需物流', '自动发货'] }, show: { kinds: ['refund'], ...UNSHIPPED },
    },
    {
      id: 'timer-ship-promise-taobao-flash', type: 'timer', platforms: TAOBAO, deadlineId: 'ship-promise',
      reason: t('闪电发货的实物商品24小时内发货', 'Flash-shipping physical goods ship within 24 h'),
      citation: cite('S1', '闪电发货实物商品需在24小时内发货'),
      label: t('发货时限', 'Ship by'), actor: 'seller',
      consequence: t('逾期可被投诉未按约定时间发货', 'Late shipping can be claimed as 未按约定时间发货'),
      start: { fact: 'paidAt' }, length: { hours: 24 }, when: { activity: ['闪电发货'] }, show: { kinds: ['refund'], ...UNSHIPPED },
    },
    {
      id: 'timer-ship-promise-taobao', type: 'timer', platforms: TAOBAO, deadlineId: 'ship-promise',
      reason: t('淘宝集市普通商品付款后3天内发货', 'Taobao ordinary items ship within 3 days of payment'),
      citation: cite('S1', '普通商品需在3天内发货'),
      label: t('发货时限', 'Ship by'), actor: 'seller',
      consequence: t('逾期可被投诉未按约定时间发货', 'Late shipping can be claimed as 未按约定时间发货'),
      start: { fact: 'paidAt' }, length: { days: 3 }, show: { kinds: ['refund'], ...UNSHIPPED },
    },
    {
      id: 'timer-late-ship-reason-tmall', type: 'timer', platforms: TMALL, deadlineId: 'late-ship-reason-available',
      reason: t('买家付款72小时后才可选择“未按约定时间发货”（涉及赔付）', 'The buyer can pick 未按约定时间发货 (compensated) only 72 h after paying'),
      citation: cite('S0', '未按约定时间发货(涉及赔付30%的保证金,付款72小时后方可申请)'),
      label: t('买家可选“未按约定时间发货”', 'Buyer may claim late shipping'), actor: 'seller',
      consequence: t('之后买家可用该原因申请退款，触发赔付', 'After it the buyer may use that reason, which triggers compensation'),
      start: { fact: 'paidAt' }, length: { hours: 72 }, show: { kinds: ['refund'], ...UNSHIPPED },
    },
    {
      id: 'timer-late-ship-reason-taobao', type: 'timer', platforms: TAOBAO, deadlineId: 'late-ship-reason-available',
      reason: t('付款后超过三天未发货，买家可申请退款或投诉卖家不发货', 'Three days after payment without shipping, the buyer may refund or complain'),
      citation: cite('S1', '买家付款后,卖家过了三天还未发货,买家可以怎么做', 'shop-policy'),
      label: t('买家可投诉未发货', 'Buyer may complain of no shipping'), actor: 'seller',
      consequence: t('之后买家可以投诉未按约定时间发货', 'After it the buyer may complain of late shipping'),
      start: { fact: 'paidAt' }, length: { days: 3 }, show: { kinds: ['refund'], ...UNSHIPPED },
    },
    {
      id: 'timer-complaint-seller-handle-taobao', type: 'timer', platforms: TAOBAO, deadlineId: 'complaint-seller-handle',
      reason: t('投诉后卖家须在24小时内处理；期间主动赔付则投诉完结不扣分', 'The seller must handle a complaint within 24 h; settling in that time closes it with no points'),
      citation: cite('S1', '在协商的环节中,卖家须在24小时内进行处理'),
      label: t('卖家处理投诉', 'Seller handles the complaint'), actor: 'seller',
      consequence: t('超时进入淘宝介入，失去不扣分的主动赔付机会', 'Then the platform steps in; the no-points settlement chance is gone'),
      start: { fact: 'complaintFiledAt' }, length: { hours: 24 }, show: { kinds: ['complaint'] },
    },
    {
      id: 'timer-complaint-seller-handle-tmall', type: 'timer', platforms: TMALL, deadlineId: 'complaint-seller-handle',
      reason: t('天猫规则类投诉发起即进入人工介入，无协商期；时限以页面倒计时为准', 'Tmall rule complaints go straight to manual review, no negotiation period; only the page countdown gives a time'),
      citation: cite('S0', '规则类投诉,发起即直接进入人工介入状态,无协商期限'),
      label: t('处理投诉', 'Handle the complaint'), actor: 'seller',
      consequence: t('由小二判定投诉是否成立', 'The platform decides whether the complaint stands'),
      start: { fact: 'complaintFiledAt' }, length: null, show: { kinds: ['complaint'] },
    },
    {
      id: 'timer-complaint-buyer-confirm', type: 'timer', platforms: TAOBAO, deadlineId: 'complaint-buyer-confirm',
      reason: t('卖家处理后买家须在48小时内确认是否妥善处理（按卖家用满24小时计算的最晚时间）', 'After the seller handles it the buyer has 48 h to confirm (latest time, if the seller used all 24 h)'),
      citation: cite('S1', '而买家也要在48小时内确认是否得到妥善处理'),
      label: t('买家确认处理结果', 'Buyer confirms the handling'), actor: 'buyer',
      consequence: t('之后进入淘宝介入', 'Then the platform intervenes'),
      start: { after: 'complaint-seller-handle' }, length: { hours: 48 }, show: { kinds: ['complaint'] },
    },
    {
      id: 'timer-complaint-evidence', type: 'timer', platforms: TAOBAO, deadlineId: 'complaint-evidence',
      reason: t('淘宝介入后双方各有72小时举证期（卖家另有24小时预处理期）', 'Once the platform intervenes each side has 72 h to upload evidence (the seller also has 24 h pre-processing)'),
      citation: cite('S1', '在淘宝介入处理后,双方均有72小时的举证期,卖家有24小时的预处理期'),
      label: t('举证期', 'Evidence due'), actor: 'seller',
      consequence: t('逾期未举证，按已有凭证判定', 'Evidence after it is not considered'),
      start: { after: 'complaint-buyer-confirm' }, length: { hours: 72 }, show: { kinds: ['complaint'] },
    },
    {
      id: 'timer-complaint-platform-decision', type: 'timer', platforms: TAOBAO, deadlineId: 'complaint-platform-decision',
      reason: t('淘宝介入后有4个工作日的处理期（从介入起按工作日计算）', 'The platform has 4 working days to decide after intervening'),
      citation: cite('S1', '淘宝方面会有4个工作日的处理期'),
      label: t('淘宝判定', 'Platform decision'), actor: 'platform',
      consequence: t('淘宝给出投诉处理结果', 'The platform rules on the complaint'),
      start: { after: 'complaint-buyer-confirm' }, length: { workingDays: 4 }, show: { kinds: ['complaint'] },
    },
    {
      id: 'timer-breach-window-tmall', type: 'timer', platforms: TMALL, deadlineId: 'breach-complaint-window',
      reason: t('交易关闭后0–15天内买家可发起违背承诺投诉', 'The buyer may file 违背承诺 within 0–15 days after the trade closes'),
      citation: cite('S0', '3.1定义 订单状态为”交易关闭“的0-15天内'),
      label: t('违背承诺投诉期', 'Breach-complaint window'), actor: 'buyer',
      consequence: t('之后买家不能再发起违背承诺投诉', 'After it the buyer can no longer file 违背承诺'),
      start: { fact: 'tradeClosedAt' }, length: { days: 15 },
    },
    {
      id: 'timer-breach-window-taobao', type: 'timer', platforms: TAOBAO, deadlineId: 'breach-complaint-window',
      reason: t('交易关闭的1–15天之内可发起违背承诺投诉（考试答案D；天猫资料写0–15天）', 'The buyer may file 违背承诺 1–15 days after closing (exam answer D; the Tmall source says 0–15)'),
      citation: cite('S1', '下列关于违背承诺发起的变更时间说法正确的是?D'),
      label: t('违背承诺投诉期', 'Breach-complaint window'), actor: 'buyer',
      consequence: t('之后买家不能再发起违背承诺投诉', 'After it the buyer can no longer file 违背承诺'),
      start: { fact: 'tradeClosedAt' }, length: { days: 15 },
    },
    {
      id: 'timer-complaint-after-success-tmall', type: 'timer', platforms: TMALL, deadlineId: 'complaint-after-success',
      reason: t('天猫交易成功后0–15天内买家可投诉商家', 'On Tmall the buyer may complain within 0–15 days after success'),
      citation: cite('S0', '投诉商家 交易状态为“交,交易状态为“交易成功”0-15天内'),
      label: t('可投诉商家', 'Complaint window'), actor: 'buyer',
      consequence: t('之后买家不能再投诉商家', 'After it the buyer can no longer complain'),
      start: { fact: 'tradeSucceededAt' }, length: { days: 15 }, show: { kinds: ['refund', 'aftersale'] },
    },
    {
      id: 'timer-after-sale-window-tmall', type: 'timer', platforms: TMALL, deadlineId: 'after-sale-window',
      reason: t('交易成功的0–15天内买家可以申请售后', 'The buyer may apply for after-sale within 0–15 days of success'),
      citation: cite('S0', '二、申请售后,即订单状态为交易成功的0-15天内,可以申请售后'),
      label: t('售后申请期', 'After-sale window'), actor: 'buyer',
      consequence: t('之后买家不能再申请售后', 'After it the buyer can no longer apply for after-sale'),
      start: { fact: 'tradeSucceededAt' }, length: { days: 15 },
    },
    {
      id: 'timer-after-sale-window-taobao', type: 'timer', platforms: TAOBAO, deadlineId: 'after-sale-window',
      reason: t('交易成功15天内发现质量问题可申请售后', 'Quality problems found within 15 days of success can go to after-sale'),
      citation: cite('S1', '交易成功( )天内,在使用商品过程中,发现商品有质量问题', 'shop-policy'),
      label: t('售后申请期', 'After-sale window'), actor: 'buyer',
      consequence: t('之后买家不能再申请售后', 'After it the buyer can no longer apply for after-sale'),
      start: { fact: 'tradeSucceededAt' }, length: { days: 15 },
    },
    {
      id: 'timer-auto-confirm-express', type: 'timer', platforms: BOTH, deadlineId: 'auto-confirm-receipt',
      reason: t('快递与货运：卖家发货10天后系统自动确认收货', 'Express / freight: the system confirms receipt 10 days after shipping'),
      citation: cite('S1', '如果选择的物流方式为快递与货运,自“卖家已发货”状态起的10天后'),
      label: t('自动确认收货', 'Auto-confirm receipt'), actor: 'buyer',
      consequence: t('交易自动成功，货款打给卖家', 'The trade completes and the money is released to the seller'),
      start: { fact: 'shippedAt' }, length: { days: 10 }, when: { logistics: ['快递', '货运'] },
      show: { kinds: ['refund'], notTradeStatus: ['交易成功', '交易关闭'] },
    },
    {
      id: 'timer-auto-confirm-post', type: 'timer', platforms: BOTH, deadlineId: 'auto-confirm-receipt',
      reason: t('平邮：卖家发货30天后自动确认收货', 'Surface mail: auto-confirm 30 days after shipping'),
      citation: cite('S1', '如果选择物流方式为平邮,自“卖家已发货”状态起的30天后'),
      label: t('自动确认收货', 'Auto-confirm receipt'), actor: 'buyer',
      consequence: t('交易自动成功，货款打给卖家', 'The trade completes and the money is released to the seller'),
      start: { fact: 'shippedAt' }, length: { days: 30 }, when: { logistics: ['平邮'] },
      show: { kinds: ['refund'], notTradeStatus: ['交易成功', '交易关闭'] },
    },
    {
      id: 'timer-auto-confirm-virtual', type: 'timer', platforms: BOTH, deadlineId: 'auto-confirm-receipt',
      reason: t('虚拟物品：发货3天后超时打款', 'Virtual goods: money released 3 days after shipping'),
      citation: cite('S1', '系统将超时打款给卖家,下列各物流及天数正确的是'),
      label: t('自动确认收货', 'Auto-confirm receipt'), actor: 'buyer',
      consequence: t('交易自动成功，货款打给卖家', 'The trade completes and the money is released to the seller'),
      start: { fact: 'shippedAt' }, length: { days: 3 }, when: { logistics: ['虚拟'] },
      show: { kinds: ['refund'], notTradeStatus: ['交易成功', '交易关闭'] },
    },
    {
      id: 'timer-auto-confirm-auto-delivery', type: 'timer', platforms: BOTH, deadlineId: 'auto-confirm-receipt',
      reason: t('自动发货商品：发货1天后超时打款', 'Auto-delivery goods: money released 1 day after shipping'),
      citation: cite('S1', '(自动发货商品)1天'),
      label: t('自动确认收货', 'Auto-confirm receipt'), actor: 'buyer',
      consequence: t('交易自动成功，货款打给卖家', 'The trade completes and the money is released to the seller'),
      start: { fact: 'shippedAt' }, length: { days: 1 }, when: { logistics: ['自动发货'] },
      show: { kinds: ['refund'], notTradeStatus: ['交易成功', '交易关闭'] },
    },
    {
      id: 'timer-review-window', type: 'timer', platforms: BOTH, deadlineId: 'review-window',
      reason: t('评价期为交易成功后15天', 'Reviews may be left within 15 days of success'),
      citation: cite('S1', '淘宝评价期间为:交易成功后的15天', 'shop-policy'),
      label: t('评价期', 'Review window'), actor: 'buyer',
      consequence: t('评价期结束', 'The review period ends'),
      start: { fact: 'tradeSucceededAt' }, length: { days: 15 }, show: { kinds: ['aftersale'] },
    },

    // ───────────────────────── Reasons (page texts → category) ─────────────────────────
    {
      id: 'reason-out-of-stock', type: 'reason', platforms: BOTH, category: 'out-of-stock',
      names: ['缺货', '卖家缺货', '发不了货', '拒绝发货', '缺货/发不了货/拒绝发货', '商品缺货'],
      reason: t('缺货类原因：卖家无货可发（常因超卖）', 'Out of stock: nothing to ship (often overselling)'),
      citation: cite('S3', '(2)缺货/发不了货/拒绝发货'),
    },
    {
      id: 'reason-late-ship', type: 'reason', platforms: BOTH, category: 'late-ship',
      names: ['未按约定时间发货', '延迟发货', '卖家未按约定时间发货'],
      reason: t('未按约定时间发货', 'Not shipped by the promised time'),
      citation: cite('S0', '10.未按约定时间发货(涉及赔付)'),
    },
    {
      id: 'reason-wrong-shipment', type: 'reason', platforms: BOTH, category: 'wrong-shipment',
      names: ['错发/漏发/少发', '错发', '漏发', '少发', '发错货', '卖家发错货', '少件/漏发'],
      reason: t('错发、漏发、少发', 'Wrong, missing or short shipment'),
      citation: cite('S3', '(4)错发/漏发/少发'),
    },
    {
      id: 'reason-fake-shipment', type: 'reason', platforms: BOTH, category: 'fake-shipment',
      names: ['虚假发货'],
      reason: t('虚假发货：物流没有走件记录', 'Fake shipment: no movement in the logistics record'),
      citation: cite('S3', '(5)虚假发货:通常是指物流无走件记录的情况'),
    },
    {
      id: 'reason-price-raise', type: 'reason', platforms: BOTH, category: 'price-raise',
      names: ['商家加价不发货', '加价不发货'],
      reason: t('商家要求加价才发货（价格设错、拒绝包邮）', 'Seller demands more money before shipping'),
      citation: cite('S3', '(3)商家加价不发货'),
    },
    {
      id: 'reason-buyer-mistake', type: 'reason', platforms: BOTH, category: 'buyer-mistake',
      names: ['拍错了', '订单信息错误', '拍错了/订单信息错误', '多拍/拍错'],
      reason: t('买家拍错或订单信息错误', 'Buyer ordered wrongly / wrong order details'),
      citation: cite('S0', '拍错了/ 订单信息错误'),
    },
    {
      id: 'reason-no-longer-wanted', type: 'reason', platforms: BOTH, category: 'no-longer-wanted',
      names: ['不想买了', '不想要了', '我不想要了'],
      reason: t('买家不想要了', 'Buyer no longer wants it'),
      citation: cite('S0', '不想买了'),
    },
    {
      id: 'reason-quality', type: 'reason', platforms: BOTH, category: 'quality',
      names: ['商品质量问题', '质量问题'],
      reason: t('商品质量问题', 'Quality problem'),
      citation: cite('S0', '8.商品质量问题'),
    },
    {
      id: 'reason-seven-day', type: 'reason', platforms: BOTH, category: 'seven-day',
      names: ['七天无理由退换货', '7天无理由退换货', '七天无理由退货', '7天无理由退货', '七天无理由'],
      reason: t('七天无理由退换货', '7-day no-reason return'),
      citation: cite('S0', '9.七天无理由退换货'),
    },
    {
      id: 'reason-not-received', type: 'reason', platforms: BOTH, category: 'not-received',
      names: ['未收到货', '没有收到货'],
      reason: t('买家未收到货（资料标注“涉及赔付”，核实物流）', 'Buyer did not receive the goods (marked 涉及赔付 in the source: check logistics)'),
      citation: cite('S0', '11.未收到货(涉及赔付)'),
    },
    {
      id: 'reason-description-mismatch', type: 'reason', platforms: BOTH, category: 'description-mismatch',
      names: ['描述不符', '商品与描述不符', '收到商品描述不符', '与描述不符'],
      reason: t('收到的商品与描述不符', 'Item does not match its description'),
      citation: cite('S0', '2、描述不符: 描述不符,是指买家收到的商品与达成交易时卖家对商品的描述不相符'),
    },
    {
      id: 'reason-invoice', type: 'reason', platforms: BOTH, category: 'invoice',
      names: ['发票问题'],
      reason: t('发票问题', 'Invoice problem'),
      citation: cite('S0', '注意:买家申请售后,原因为商品与描述不符和发票问题'),
    },
    {
      id: 'reason-counterfeit', type: 'reason', platforms: BOTH, category: 'counterfeit',
      names: ['收到假货', '假货', '假冒品牌'],
      reason: t('买家称收到假货', 'Buyer says the item is counterfeit'),
      citation: cite('S1', '支持 假一赔三的交易,买家申请退款选择“收到假货”的选项后'),
    },
    {
      id: 'reason-refused-delivery', type: 'reason', platforms: BOTH, category: 'refused-delivery',
      names: ['拒签', '买家拒签', '拒收'],
      reason: t('买家拒签', 'Buyer refused delivery'),
      citation: cite('S0', '关于拒签'),
    },
    {
      id: 'reason-breach-promise', type: 'reason', platforms: BOTH, category: 'breach-promise',
      names: ['违背承诺'],
      reason: t('违背承诺投诉', 'Breach-of-promise complaint'),
      citation: cite('S0', '1、违背承诺: 发起条件'),
    },
    {
      id: 'reason-refuse-alipay', type: 'reason', platforms: BOTH, category: 'refuse-alipay',
      names: ['卖家拒绝使用支付宝', '拒绝使用支付宝'],
      reason: t('卖家拒绝使用支付宝', 'Seller refuses Alipay'),
      citation: cite('S3', '1、卖家拒绝使用支付宝这个是违背平台基础承诺'),
    },
    {
      id: 'reason-harassment', type: 'reason', platforms: BOTH, category: 'harassment',
      names: ['骚扰他人', '骚扰'],
      reason: t('骚扰他人：频繁联系、侮辱或恐吓', 'Harassment: repeated contact, insults or threats'),
      citation: cite('S3', '2、骚扰他人:这个投诉根据情节严重程度分为一般违规和严重违规'),
    },
    {
      id: 'reason-promise-unfulfilled', type: 'reason', platforms: BOTH, category: 'promise-unfulfilled',
      names: ['承诺未履行', '赠品承诺未履行', '换货承诺未履行', '发票承诺未履行', '物流承诺未履行', '邮费问题未履行', '商家自行约定的承诺未履行'],
      reason: t('承诺未履行（赠品、换货、发票、物流、邮费、自行约定）', 'Promise not kept (gift, exchange, invoice, logistics, postage, own promise)'),
      citation: cite('S3', '4、承诺未履行:分为违背平台基础承诺'),
    },

    // ───────────────────────── Compensation (digest §4) ─────────────────────────
    {
      id: 'comp-tmall-2019', type: 'compensation', platforms: TMALL, profiles: ['tmall'], categories: [...DELIVERY], triggered: true,
      basisPoints: 3000, minFen: 500, maxFen: 50000, capPerBuyerFen: 50000, capWindowHours: 24,
      form: t('天猫红包', 'Tmall red packet'),
      reason: t('发货问题（缺货、延迟、错漏少发、虚假发货）赔实付金额30%，最低5元、最高500元，同一买卖双方24小时内合计最多500元', 'Delivery problems pay 30 % of the paid amount, min 5, max 500 yuan; same buyer and shop: at most 500 yuan per 24 h'),
      citation: cite('S3', '投诉发货问题,买家投诉是要赔付实付金额30%,最低5元,最高500元'),
    },
    {
      id: 'comp-tmall-legacy', type: 'compensation', platforms: TMALL, profiles: ['tmall-legacy'], categories: ['out-of-stock', 'late-ship'], triggered: true,
      basisPoints: 3000, minFen: null, maxFen: 50000, form: t('天猫积分', 'Tmall points'),
      reason: t('旧规：缺货或未按约定时间发货，维权成立赔商品价格30%，上限500元，以天猫积分支付', 'Older rule: out of stock or late shipping pays 30 %, up to 500 yuan, as Tmall points'),
      citation: cite('S0', '维权成立,赔付消费者商品价格的30%,上限500元,该违约金将以天猫积分形式支付'),
    },
    {
      id: 'comp-taobao-delivery', type: 'compensation', platforms: TAOBAO, categories: ['out-of-stock', 'late-ship'], triggered: true, basisPoints: null,
      reason: t('淘宝：未按约定时间发货可由卖家主动赔付；资料未给出赔付金额', 'Taobao: late shipping is settled by the seller’s proactive compensation; the sources give no amount'),
      citation: cite('S1', '卖家可在买家发起投诉的24小时内,根据实际的情况进行主动赔付'),
    },
    {
      id: 'comp-none-buyer-side', type: 'compensation', platforms: BOTH, categories: ['buyer-mistake', 'no-longer-wanted'], triggered: false,
      reason: t('未发货时，缺货和延迟发货以外的原因不涉及赔付，可直接退款', 'Before shipping, reasons other than out-of-stock / late shipping carry no compensation'),
      citation: cite('S0', '在未发货状态下,如果买家选择的退款原因不是卖家缺货和未按约定时间发货是不涉及赔付的'),
    },
    {
      id: 'comp-none-price-raise', type: 'compensation', platforms: BOTH, categories: ['price-raise'], triggered: false,
      reason: t('商家加价不发货不支持赔付，投诉成立扣4分', 'Demanding more money to ship: no compensation, 4 points if the complaint stands'),
      citation: cite('S3', '商家加价不发货一旦投诉成立按一般违规处理的,一次扣4分,不支持赔付'),
    },
    {
      id: 'comp-counterfeit-tmall', type: 'compensation', platforms: TMALL, categories: ['counterfeit'], triggered: true, basisPoints: null, multiple: 10,
      reason: t('天猫假一赔十：确认为假货时按假一赔十赔偿（资料未给出计算基数）', 'Tmall 假一赔十: ten-fold compensation if counterfeit is established (base not stated)'),
      citation: cite('S0', '第一条规则是“假一赔十”'),
    },
    {
      id: 'comp-counterfeit-taobao', type: 'compensation', platforms: TAOBAO, categories: ['counterfeit'], triggered: true, basisPoints: null, multiple: 3,
      reason: t('支持假一赔三的交易：选择“收到假货”后走普通退款流程', 'Trades with 假一赔三: “收到假货” goes through the normal refund flow'),
      citation: cite('S1', '支持 假一赔三的交易'),
    },

    // ───────────────────────── Contestable reasons (digest §4) ─────────────────────────
    // The reason triggers compensation but the facts say otherwise: ask the buyer, politely,
    // to correct it (then 小二介入 if that fails). First matching rule of the category wins.
    {
      id: 'contest-late-ship-shipped-in-time', type: 'contest', platforms: BOTH, categories: ['late-ship'],
      test: { kind: 'before-deadline', facts: ['shippedAt'], deadlineId: 'ship-promise', orAt: true },
      text: t('已于 {time} 发货，在发货时限 {due} 之内', 'shipped at {time}, inside the promise {due}'),
      reason: t('“未按约定时间发货”而实际在发货时限内已发货（以快递公司系统记录为准）', '“Late shipping” although the order shipped inside the promise (the carrier’s record counts)'),
      citation: cite('S0', '卖家的发货时间,以快递公司系统内记录的时间为准'),
    },
    {
      id: 'contest-late-ship-complaint-too-early', type: 'contest', platforms: BOTH, categories: ['late-ship'], when: { kinds: ['complaint'] },
      test: { kind: 'before-deadline', facts: ['complaintFiledAt', 'refundRequestedAt'], deadlineId: 'late-ship-reason-available', orAt: false },
      text: t('申请时间 {time} 早于付款后可选该原因的时间 {due}', 'requested at {time}, before the reason becomes available at {due}'),
      reason: t('投诉“未按约定时间发货”早于付款后可选该原因的时间', 'A late-shipping complaint filed before that reason becomes available after payment'),
      citation: cite('S0', '未按约定时间发货(涉及赔付30%的保证金,付款72小时后方可申请)'),
    },
    {
      id: 'contest-late-ship-request-too-early', type: 'contest', platforms: BOTH, categories: ['late-ship'], when: { kinds: ['refund', 'aftersale'] },
      test: { kind: 'before-deadline', facts: ['refundRequestedAt'], deadlineId: 'late-ship-reason-available', orAt: false },
      text: t('申请时间 {time} 早于付款后可选该原因的时间 {due}', 'requested at {time}, before the reason becomes available at {due}'),
      reason: t('以“未按约定时间发货”申请退款早于付款后可选该原因的时间', 'A late-shipping refund requested before that reason becomes available after payment'),
      citation: cite('S0', '未按约定时间发货(涉及赔付30%的保证金,付款72小时后方可申请)'),
    },
    {
      id: 'contest-out-of-stock-shipped', type: 'contest', platforms: BOTH, categories: ['out-of-stock'],
      test: { kind: 'shipped', tradeStatus: ['卖家已发货', '交易成功'] },
      text: t('订单已发货（{shipped}），与“缺货”不符', 'the order was shipped ({shipped}), which contradicts "out of stock"'),
      reason: t('买家选“缺货”而订单已发货：先联系买家修改退款原因，沟通无果再申请小二介入', '“Out of stock” on a shipped order: ask the buyer to change the reason first, then ask for intervention'),
      citation: cite('S0', '而如果买家选择的退款原因是卖家缺货和未按约定时间发化,而你实际不存在这两种情况,先联系客户修改退款原因', 'shop-policy'),
    },

    // ───────────────────────── Penalty points (digest §5) ─────────────────────────
    {
      id: 'pen-breach-refuse-before-payment', type: 'penalty', platforms: TMALL, categories: ['breach-promise'], points: 1, severity: 'general',
      trigger: t('付款前有库存却表示72小时内不能发货、拒绝交易或关闭订单，每次', 'Before payment, in stock but refusing to ship in 72 h, refusing the trade or closing the order — each time'),
      reason: t('违背承诺：付款前拒绝交易或发货扣1分', 'Breach: refusing the trade before payment costs 1 point'),
      citation: cite('S0', '在买家付款前,且商品信息显示有足够库存的情况下'),
    },
    {
      id: 'pen-breach-gift-postage', type: 'penalty', platforms: TMALL, categories: ['breach-promise'], points: 4, severity: 'general',
      trigger: t('承诺的赠品/服务未做到，或包邮未注明不包地区却向买家加收运费', 'Promised gift/service not delivered, or extra postage demanded on undisclosed areas'),
      reason: t('违背承诺：赠品、包邮承诺未兑现扣4分', 'Breach: gift / free-shipping promise broken costs 4 points'),
      citation: cite('S0', '承诺的赠品服务等,实际未做到'),
    },
    {
      id: 'pen-breach-official-activity', type: 'penalty', platforms: TMALL, categories: ['breach-promise'], points: 6, severity: 'general',
      trigger: t('参加聚划算、免费试用等官方活动未按活动要求服务', 'Official activity (聚划算, free trial) not served as required'),
      reason: t('违背承诺：官方活动未按约定完成扣6分', 'Breach: official activity not honoured costs 6 points'),
      citation: cite('S0', '参加官方活动,未按照活动要求服务消费者'),
    },
    {
      id: 'pen-breach-invoice', type: 'penalty', platforms: TMALL, categories: ['breach-promise', 'invoice'], points: 6, severity: 'general',
      trigger: t('拒绝提供发票，或要求买家承担发票税点或运费', 'Refusing an invoice, or charging the buyer its tax or postage'),
      reason: t('违背承诺：发票问题扣6分', 'Breach: invoice refusal costs 6 points'),
      citation: cite('S0', '发票问题:商家拒绝提供发票或者说要买家来承担发票的税点金额或者运费'),
    },
    {
      id: 'pen-desc-severe', type: 'penalty', platforms: TMALL, categories: ['description-mismatch'], points: 12, severity: 'general',
      trigger: t('材质、成分等与描述严重不符，或导致无法正常使用', 'Material/composition severely differs, or the item cannot be used'),
      reason: t('描述不符（一）扣12分', 'Description mismatch (1): 12 points'),
      citation: cite('S0', '1.(一)卖家对商品材质、成份等信息的描述与买家收到的商品严重不符'),
    },
    {
      id: 'pen-desc-defect', type: 'penalty', platforms: TMALL, categories: ['description-mismatch'], points: 6, severity: 'general',
      trigger: t('未披露瑕疵等且影响正常使用', 'Undisclosed defect that affects normal use'),
      reason: t('描述不符（二）扣6分', 'Description mismatch (2): 6 points'),
      citation: cite('S0', '2.(二)卖家未对商品瑕疵等信息进行披露'),
    },
    {
      id: 'pen-desc-minor', type: 'penalty', platforms: TMALL, categories: ['description-mismatch'], points: 3, severity: 'general',
      trigger: t('描述不符但未实质影响正常使用', 'Mismatch with no substantial effect on use'),
      reason: t('描述不符（三）扣3分', 'Description mismatch (3): 3 points'),
      citation: cite('S0', '3.(三)卖家未对商品瑕疵等信息进行披露或对商品的描述与买家收到的商品不相符,但未对买家正常使用造成实质性影响'),
    },
    {
      id: 'pen-refuse-alipay', type: 'penalty', platforms: TMALL, categories: ['refuse-alipay'], points: 6, severity: 'general',
      trigger: t('投诉成立（可提供支付宝担保交易凭证说明）', 'If the complaint stands (answer with the Alipay trade record)'),
      reason: t('拒绝使用支付宝属违背平台基础承诺，一次扣6分', 'Refusing Alipay breaks a platform base promise: 6 points'),
      citation: cite('S3', '1、卖家拒绝使用支付宝这个是违背平台基础承诺,属于一般违规行为,一次扣6分'),
    },
    {
      id: 'pen-harassment-general', type: 'penalty', platforms: TMALL, categories: ['harassment'], points: 12, severity: 'general',
      trigger: t('骚扰他人一般违规', 'Harassment, general violation'),
      reason: t('骚扰他人一般违规一次扣12分', 'Harassment (general): 12 points'),
      citation: cite('S3', '一般违规一次扣12分,严重违规一次扣48分'),
    },
    {
      id: 'pen-harassment-serious', type: 'penalty', platforms: TMALL, categories: ['harassment'], points: 48, severity: 'serious',
      trigger: t('骚扰他人严重违规', 'Harassment, serious violation'),
      reason: t('骚扰他人严重违规一次扣48分', 'Harassment (serious): 48 points'),
      citation: cite('S3', '一般违规一次扣12分,严重违规一次扣48分'),
    },
    {
      id: 'pen-price-raise', type: 'penalty', platforms: BOTH, categories: ['price-raise'], points: 4, severity: 'general',
      trigger: t('加价不发货投诉成立', 'If the price-raise complaint stands'),
      reason: t('商家加价不发货按一般违规一次扣4分，不支持赔付', 'Price raise before shipping: 4 points, no compensation'),
      citation: cite('S3', '商家加价不发货一旦投诉成立按一般违规处理的,一次扣4分'),
    },
    {
      id: 'pen-promise-platform', type: 'penalty', platforms: TMALL, categories: ['promise-unfulfilled'], points: 6, severity: 'general',
      trigger: t('违背平台基础承诺的承诺未履行', 'Breaking a platform base promise'),
      reason: t('承诺未履行（平台基础承诺）一次扣6分', 'Promise not kept (platform base promise): 6 points'),
      citation: cite('S3', '4、承诺未履行:分为违背平台基础承诺,一次扣6分'),
    },
    {
      id: 'pen-promise-own', type: 'penalty', platforms: TMALL, categories: ['promise-unfulfilled'], points: 4, severity: 'general',
      trigger: t('商家自行约定的承诺未履行', 'Breaking the shop’s own promise'),
      reason: t('承诺未履行（商家自行约定）一次扣4分', 'Promise not kept (shop’s own): 4 points'),
      citation: cite('S3', '商家自行约定的承诺,一次扣4分'),
    },
    {
      id: 'pen-serious-delay', type: 'penalty', platforms: TMALL, profiles: ['tmall'], categories: [...DELIVERY], points: 1, severity: 'general',
      trigger: t('延迟发货情节严重（近30天揽收及时率低于行业均值，或大量退款/投诉/负面舆情）且小二判定投诉成立', 'Serious delay (30-day pickup rate below industry average, or mass refunds/complaints/bad press) AND the complaint judged valid'),
      reason: t('2019新规：严重延迟发货且投诉成立一次扣1分', '2019 rule: serious delayed shipping judged valid costs 1 point'),
      citation: cite('S3', '延迟发货情节严重且小二介入投诉判定成立的,一次扣1分'),
    },
    {
      id: 'pen-legacy-delay-after-payment', type: 'penalty', platforms: TMALL, profiles: ['tmall-legacy'], categories: ['out-of-stock', 'late-ship'], points: 0, severity: 'general',
      trigger: t('付款后不能发货：赔付30%，不扣分（付款前表示不能发货被投诉则扣1分）', 'Cannot ship after payment: 30 % compensation, no points (before payment: 1 point if complained)'),
      reason: t('旧规延迟发货：付款后赔付不扣分', 'Older delayed-shipping rule: after payment, compensation but no points'),
      citation: cite('S0', '在买家付款前表示不能发货,如买家投诉,扣1分;而在买家付款后,刚是赔付30%,不扣分'),
    },
    {
      id: 'pen-taobao-settle-no-points', type: 'penalty', platforms: TAOBAO, categories: ['late-ship', 'out-of-stock'], points: 0, severity: 'general',
      when: { kinds: ['complaint'] },
      trigger: t('投诉发起24小时内主动赔付：投诉完结不扣分；否则由淘宝判定（资料未给出分值）', 'Proactive compensation within 24 h of the complaint: closed with no points; otherwise the platform decides (points not given)'),
      reason: t('淘宝新投诉流程：24小时内主动赔付不扣分', 'Taobao complaint flow: proactive settlement within 24 h, no points'),
      citation: cite('S1', '卖家可在买家发起投诉的24小时内,根据实际的情况进行主动赔付,按照此流程,投诉完结对卖家不扣分'),
    },

    // ───────────────────────── Recidivism (Taobao 2014-12-26) ─────────────────────────
    {
      id: 'recidivism-taobao-late-ship', type: 'recidivism', platforms: TAOBAO, categories: ['late-ship'], when: { kinds: ['complaint'] },
      anchor: '2014-12-26T00:00:00+08:00', blockDays: 30, threshold: 3, resetOnNewYear: true, ledgerReason: '未按约定时间发货',
      reason: t('同一30天周期内第3次线上“同意赔付”未按约定时间发货投诉将加重扣分（按订单付款时间计；1月1日重新计算；分值资料未载明）', '3rd proactive 同意赔付 of a late-shipping complaint in one 30-day block brings heavier points (by payment time; resets on 1 January; points not stated)'),
      citation: cite('S1', '6、近30天主动赔付累计3次追加处罚,30天怎么算?'),
    },

    // ───────────────────────── Holiday calendar (working days) ─────────────────────────
    {
      id: 'calendar-cn-2026', type: 'calendar', platforms: BOTH,
      reason: t('工作日日历：周末及2026年法定节假日（含调休上班日），按公开安排整理，非资料内容', 'Working-day calendar: weekends plus China’s 2026 public holidays and make-up days, as publicly announced (not from the sources)'),
      citation: cite('S1', '淘宝方面会有4个工作日的处理期', 'inferred'),
      holidays: [
        '2026-01-01', '2026-01-02', '2026-01-03',
        '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
        '2026-04-04', '2026-04-05', '2026-04-06',
        '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
        '2026-06-19', '2026-06-20', '2026-06-21',
        '2026-09-25', '2026-09-26', '2026-09-27',
        '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
        '2027-01-01',
      ],
      workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    },

    // ───────────────────────── Notes (shown in the explanation) ─────────────────────────
    {
      id: 'note-intervention-after-reject', type: 'note', platforms: TAOBAO, when: { kinds: ['refund', 'aftersale'] },
      text: t('新退款流程：卖家拒绝退款协议后买家即可要求客服介入（计入纠纷），拒绝前先与买家沟通并备好凭证', 'Newer flow: once the seller rejects, the buyer may ask for intervention at once — talk first and keep evidence before rejecting'),
      reason: t('卖家拒绝后即可要求介入（与“72小时后”旧说法不同）', 'Intervention right after a rejection (differs from the 72 h rule)'),
      citation: cite('S1', '目前最新的退款流程中,对于客服介入的要求,以下说法正确的是 B'),
    },
    {
      id: 'note-dispute-rate', type: 'note', platforms: TMALL, when: { kinds: ['refund'] },
      text: t('退款率按申请笔数计；小二介入的退款计入退款纠纷率，两者影响搜索排序和活动报名', 'Refund rate counts every request; refunds with intervention count in the dispute rate; both affect ranking and events'),
      reason: t('退款率与退款纠纷率', 'Refund rate and dispute rate'),
      citation: cite('S0', '退款率的计算公式=申请退款的笔数/支付宝成交笔数'),
    },
    {
      id: 'note-complaint-direct-intervention', type: 'note', platforms: TMALL, when: { kinds: ['complaint'] },
      text: t('规则类投诉发起即人工介入，无协商期；每笔交易只能投诉一次，买家撤销后不能再投诉', 'Rule complaints go straight to review with no negotiation; one per trade; once withdrawn it cannot be filed again'),
      reason: t('规则类投诉的特别说明', 'How rule complaints work'),
      citation: cite('S0', '特别说明:规则类投诉,发起即直接进入人工介入状态'),
    },
    {
      id: 'note-complaint-option', type: 'note', platforms: TMALL, when: { kinds: ['refund', 'aftersale'], categories: ['description-mismatch', 'invoice'] },
      text: t('买家以描述不符或发票问题申请售后并要求介入时，页面会出现投诉商家入口，投诉成立会扣分', 'With 描述不符 or 发票问题 and intervention, the buyer sees a complaint option; an upheld complaint costs points'),
      reason: t('描述不符/发票问题可转为投诉', 'Description / invoice cases can turn into complaints'),
      citation: cite('S0', '注意:买家申请售后,原因为商品与描述不符和发票问题,且申请小二介入时'),
    },
    {
      id: 'note-breach-unpaid', type: 'note', platforms: TMALL, when: { tradeStatus: ['等待买家付款'] },
      text: t('等待买家付款状态（72小时内）买家也可发起违背承诺投诉；面板没有下单时间，无法计算倒计时', 'While awaiting payment (within 72 h) the buyer may also file 违背承诺; the panel has no order-creation time, so no countdown'),
      reason: t('未付款状态的违背承诺投诉', 'Breach complaints before payment'),
      citation: cite('S0', '发起条件:在等待买家付款状态(72小时内)可发起'),
    },
    {
      id: 'note-no-complaint-after-success-taobao', type: 'note', platforms: TAOBAO, when: { tradeStatus: ['交易成功'] },
      text: t('淘宝交易成功后没有“投诉卖家”入口，买家只能走售后或联系客服', 'On Taobao there is no complaint entry after success; the buyer goes through after-sale or support'),
      reason: t('淘宝交易成功后不能投诉', 'No Taobao complaint after success'),
      citation: cite('S1', '如您的订单已经【交易成功】,是没有【投诉卖家】入口的哦'),
    },
    {
      id: 'note-review-change', type: 'note', platforms: BOTH, when: { tradeStatus: ['交易成功'] },
      text: t('中差评在评价后30天内评价方可修改或删除一次；是否修改完全由买家决定，不得索要或施压', 'A neutral/negative review may be changed or removed once within 30 days — only if the buyer chooses; never ask with pressure'),
      reason: t('评价修改期', 'Review change window'),
      citation: cite('S1', '“中评”或者“差评”在评价后30天内,评价方有一次自主修改或删除评价的机会', 'shop-policy'),
    },
    {
      id: 'note-shop-closure-12', type: 'note', platforms: TMALL, when: { categories: ['description-mismatch', 'harassment'] },
      text: t('扣满12分可导致关闭店铺7天（日销10万的店铺约损失70万销售额）', '12 points can close the shop for 7 days (a 100k/day shop loses ~700k in sales)'),
      reason: t('扣分后果：12分关店7天', 'Consequence: 12 points, shop closed 7 days'),
      citation: cite('S3', '由于天猫投诉成立被扣12分,关闭店铺7天'),
    },
    {
      id: 'note-account-sealed-48', type: 'note', platforms: BOTH, when: { categories: ['harassment'] },
      text: t('严重违规扣分累计达48分会被查封账户', '48 points of serious violations get the account sealed'),
      reason: t('扣分后果：严重违规48分查封', 'Consequence: 48 serious points, account sealed'),
      citation: cite('S1', '只有当该账户的严重违规行为扣分累计到48分,才会被查封', 'shop-policy'),
    },
    {
      id: 'note-no-pressure', type: 'note', platforms: BOTH, when: { compensation: 'contestable' },
      text: t('只能礼貌请买家按实际情况修改原因；威胁或催逼买家修改原因是错误做法，买家不同意时走小二介入', 'Only ask politely that the reason match the facts; threatening a buyer is wrong — if they decline, ask the platform'),
      reason: t('不得威胁买家修改退款原因', 'Never threaten a buyer into changing the reason'),
      citation: cite('S1', '威胁客户让其修改退款原因', 'shop-policy'),
    },

    // ───────────────────────── Actions: reason playbook (digest §6) ─────────────────────────
    {
      id: 'act-ask-correct-reason', type: 'action', platforms: BOTH, order: 1, when: { compensation: 'contestable' },
      text: t('事实与退款原因不符：礼貌联系买家说明情况，请其按实际修改退款原因（不施压、不承诺额外好处换取修改）', 'The facts contradict the reason: contact the buyer politely, explain, and ask them to correct it (no pressure, no inducements)'),
      reason: t('原因与事实不符时先联系买家修改原因', 'Reason contradicts the facts: ask the buyer to correct it'),
      citation: cite('S0', '而你实际不存在这两种情况,先联系客户修改退款原因'),
    },
    {
      id: 'act-intervention-if-refused', type: 'action', platforms: BOTH, order: 2, when: { compensation: 'contestable' },
      text: t('沟通无果：申请小二介入，上传发货记录/聊天记录等凭证', 'If that fails: ask for 小二介入 and upload shipping records and chats'),
      reason: t('沟通无果可联系小二介入', 'If talking fails, ask the platform'),
      citation: cite('S0', '如实在沟通无果,可联系小二介入处理'),
    },
    {
      id: 'act-settle-refund', type: 'action', platforms: BOTH, order: 1, when: { compensation: 'due', kinds: ['refund', 'aftersale'] },
      text: t('原因属实：尽快同意退款，赔付会在退款完成时自动执行，避免拖入介入和纠纷率', 'The reason is true: agree the refund quickly; compensation runs automatically when it completes — avoid intervention and the dispute rate'),
      reason: t('涉及赔付的退款完成即自动赔付', 'Compensation is applied automatically when the refund completes'),
      citation: cite('S0', '涉及赔付的,同样退 款完成,自动完成赔付'),
    },
    {
      id: 'act-settle-complaint-taobao', type: 'action', platforms: TAOBAO, order: 1, when: { compensation: 'due', kinds: ['complaint'] },
      text: t('原因属实：在投诉发起24小时内线上“同意赔付”，投诉完结不扣分', 'The reason is true: press 同意赔付 within 24 h of the complaint — it closes with no points'),
      reason: t('24小时内主动赔付不扣分', 'Proactive settlement within 24 h: no points'),
      citation: cite('S1', '首先,卖家可在买家发起投诉的24小时内,根据实际的情况进行主动赔付'),
    },
    {
      id: 'act-settle-complaint-tmall', type: 'action', platforms: TMALL, order: 1, when: { compensation: 'due', kinds: ['complaint'] },
      text: t('原因属实：第一时间致歉并在权限内协商补偿；买家满意后可自愿撤销投诉，否则由小二判定', 'The reason is true: apologise at once and negotiate within your authority; the buyer may withdraw if satisfied, otherwise the platform decides'),
      reason: t('商家责任时按权限表友好协商', 'Seller at fault: negotiate within the authority table'),
      citation: cite('S3', '如果是商家责任,我们可以根据处理权限表与买家友好协商', 'shop-policy'),
    },
    {
      id: 'act-contact-first', type: 'action', platforms: BOTH, order: 10, when: { kinds: ['refund', 'aftersale'] },
      text: t('第一时间联系买家了解情况；如买家不再需要退款，可请其自行确认收货；尽量避免直接拒绝', 'Contact the buyer first; if they no longer want the refund they may confirm receipt themselves; avoid rejecting'),
      reason: t('店铺培训：先联系客户，尽量避免拒绝退款', 'Store training: contact first, avoid rejecting'),
      citation: cite('S0', '客户申请退款时,第一时间联系客户解决', 'shop-policy'),
    },
    {
      id: 'act-refund-directly', type: 'action', platforms: BOTH, order: 3, when: { categories: ['buyer-mistake', 'no-longer-wanted'], kinds: ['refund'] },
      text: t('不涉及赔付：可直接同意退款', 'No compensation involved: you may agree the refund directly'),
      reason: t('非缺货/延迟原因不涉及赔付，可自行完成退款', 'Other reasons carry no compensation; refund directly'),
      citation: cite('S0', '大家可以自行完成退款'),
    },
    {
      id: 'act-agree-seven-day', type: 'action', platforms: BOTH, order: 3, when: { categories: ['seven-day'] },
      text: t('七天无理由：可直接同意；提醒买家退回商品不影响二次销售（未剪标、未洗、未使用）', '7-day return: agree directly; remind the buyer the item must be resaleable (tags on, unwashed, unused)'),
      reason: t('七天无理由可直接同意', '7-day returns may be agreed directly'),
      citation: cite('S0', '第1,3,5,9项退款原因可直接同意', 'shop-policy'),
    },
    {
      id: 'act-phone-about-reason', type: 'action', platforms: BOTH, order: 4, when: { categories: ['quality', 'not-received', 'description-mismatch'] },
      text: t('电话或旺旺联系买家核实原因，按实际情况处理', 'Phone / message the buyer to verify the reason, then act on the facts'),
      reason: t('第2、8、10、11项原因先电话联系客户', 'Items 2, 8, 10, 11: call the buyer about the reason'),
      citation: cite('S0', '第2,8,10,11项退款原因处理:电话联系客户修改退款原因', 'shop-policy'),
    },
    {
      id: 'act-invoice', type: 'action', platforms: BOTH, order: 3, when: { categories: ['invoice'] },
      text: t('发票问题：与买家协商尽快开具发票，之后请买家确认收货或再处理退款申请', 'Invoice: agree to issue it quickly, then the buyer confirms receipt or the refund is handled'),
      reason: t('第7项（发票，名称为推断）：尽快开票', 'Item 7 (invoice — name inferred): issue the invoice quickly'),
      citation: cite('S0', '第7项退款原因处理:联系客户,跟客户协商尽快开发票', 'inferred'),
    },
    {
      id: 'act-price-raise', type: 'action', platforms: BOTH, order: 1, when: { categories: ['price-raise'] },
      text: t('按下单价格和页面承诺（含包邮）发货，或与买家协商退款；不要要求买家加价', 'Ship at the ordered price and page promises (incl. free shipping) or agree a refund; never ask the buyer to pay more'),
      reason: t('加价不发货扣4分且无赔付可抵', 'Price raise costs 4 points'),
      citation: cite('S3', '(3)商家加价不发货:这个主要会出现在商家上架时价格设置错误'),
    },
    {
      id: 'act-wrong-shipment', type: 'action', platforms: BOTH, order: 5, when: { categories: ['wrong-shipment'] },
      text: t('核实后先致歉；错发请买家退回并立即补发正确商品，少发则补发或退还未发部分货款', 'Verify, apologise; for a wrong item arrange the return and ship the right one now; for a short shipment ship the rest or refund it'),
      reason: t('错发少发：致歉后补发或退款', 'Wrong/short shipment: apologise, resend or refund'),
      citation: cite('S2', '3、安抚致歉:如果是商家的问题导致的消费者退货如发错货、少发货', 'shop-policy'),
    },
    {
      id: 'act-check-logistics', type: 'action', platforms: BOTH, order: 5, when: { categories: ['not-received', 'fake-shipment'] },
      text: t('核对物流轨迹：有走件记录则上传物流凭证说明；无走件记录属于虚假发货风险，尽快补发或退款', 'Check the tracking: with movement, upload it; without movement it is a fake-shipment risk — resend or refund quickly'),
      reason: t('虚假发货指物流无走件记录', 'Fake shipment = no logistics movement'),
      citation: cite('S3', '(5)虚假发货:通常是指物流无走件记录的情况'),
    },
    {
      id: 'act-quality-severe', type: 'action', platforms: BOTH, order: 6, when: { categories: ['quality'] },
      text: t('严重质量问题：由店铺承担运费退货或换货', 'Severe quality problem: return or exchange at the shop’s postage'),
      reason: t('质量问题由店铺承担运费', 'Quality problems: the shop pays postage'),
      citation: cite('S2', '对于质量问题严重的,买家态度强烈的那么我们可以给买家承担运费 退货', 'shop-policy'),
    },
    {
      id: 'act-quality-minor', type: 'action', platforms: BOTH, order: 7, when: { categories: ['quality'] },
      text: t('轻微问题（线头、少扣子、可洗污渍）：可协商部分补偿，金额低于来回运费（如单程12元补10元，来回24元补20元）', 'Minor issue (loose thread, missing button, washable stain): offer partial compensation below the round-trip postage (e.g. 10 when one leg costs 12, 20 when the round trip costs 24)'),
      reason: t('小问题以低于运费的补偿代替退换', 'Minor issues: compensation below postage instead of a return'),
      citation: cite('S2', '一些小的质量问题,(比如说少一个扣子,戒者是有一些线头', 'shop-policy'),
    },
    {
      id: 'act-size-deviation', type: 'action', platforms: BOTH, order: 8, when: { categories: ['quality', 'description-mismatch'] },
      text: t('尺码偏差超过3厘米按质量问题处理（运费由店铺承担），3厘米以内属正常范围', 'Size deviation over 3 cm is a quality problem (shop pays postage); within 3 cm is normal'),
      reason: t('尺码偏差3厘米界限', 'The 3 cm size rule'),
      citation: cite('S2', '关于尺码相差较大,淘宝规则是在3厘米以内是符合的', 'shop-policy'),
    },
    {
      id: 'act-waive-difference', type: 'action', platforms: BOTH, order: 9, when: { categories: ['quality', 'description-mismatch', 'seven-day'] },
      text: t('换其他颜色或款式时，小额差价可免除', 'When exchanging for another colour or style, a small price difference may be waived'),
      reason: t('换货差价5元以内可免除（店铺政策，可在设置中修改）', 'Exchange differences up to 5 yuan may be waived (shop policy, editable)'),
      citation: cite('S2', '产生差价在5元以内我们可以为买家免除', 'shop-policy'),
      limit: { kind: 'fixed-yuan', yuan: 5, setting: 'priceDifferenceWaiveYuan' },
    },
    {
      id: 'act-shipping-fault', type: 'action', platforms: BOTH, order: 20, when: { categories: ['quality', 'wrong-shipment', 'description-mismatch', 'counterfeit'] },
      text: t('运费争议按“谁过错，谁承担”：商家责任的退货运费由店铺承担', 'Postage disputes: the party at fault pays — the shop pays when it is the shop’s fault'),
      reason: t('运费谁过错谁承担', 'Whoever is at fault pays postage'),
      citation: cite('S0', '关于运费争议:原则是“谁过错,谁承担”'),
    },
    {
      id: 'act-seven-day-postage-free', type: 'action', platforms: BOTH, order: 21, when: { categories: ['seven-day'], freeShipping: true },
      text: t('包邮商品七天无理由：双方各自承担自己寄出的运费', 'Free-shipping item, 7-day return: each side pays the leg it sends'),
      reason: t('商家包邮产品由双方分别承担发货运费', 'Seller-free-shipping items: each side pays its own leg'),
      citation: cite('S0', '1)商家包邮产品由双方分别承担发货运费'),
    },
    {
      id: 'act-seven-day-postage-buyer', type: 'action', platforms: BOTH, order: 21, when: { categories: ['seven-day'], freeShipping: false },
      text: t('非包邮商品七天无理由：来回运费均由买家承担（请礼貌说明）', 'Non-free-shipping item, 7-day return: the buyer pays all postage (explain politely)'),
      reason: t('非商家包邮产品，所有邮费由买家承担', 'Other items: the buyer pays all postage'),
      citation: cite('S0', '2)非商家包邮产品,所有邮费均由买家承担'),
    },
    {
      id: 'act-refused-no-reason', type: 'action', platforms: BOTH, order: 5, when: { categories: ['refused-delivery'] },
      text: t('买家无理由拒签：运费由买家承担，需商家举证（保留物流拒签记录）', 'Refused without reason: the buyer pays postage; the shop must prove it (keep the carrier’s refusal record)'),
      reason: t('无理由拒签买家承担运费，商家举证', 'No-reason refusal: buyer pays, seller proves'),
      citation: cite('S0', '1 、如果是买家无理由拒签,运费由买家承担,需要商家举证'),
    },
    {
      id: 'act-refused-with-reason', type: 'action', platforms: BOTH, order: 6, when: { categories: ['refused-delivery'] },
      text: t('买家有理由拒签（如破损）：运费由商家承担，需买家举证', 'Refused with reason (e.g. damage): the shop pays postage; the buyer must prove it'),
      reason: t('有理由拒签商家承担运费，买家举证', 'Refusal with reason: seller pays, buyer proves'),
      citation: cite('S0', '2、如果买家是有理由拒签,运费由商家承担,需要由买家举证'),
    },
    {
      id: 'act-counterfeit', type: 'action', platforms: BOTH, order: 3, when: { categories: ['counterfeit'] },
      text: t('买家称收到假货：提供进货凭证、品牌授权等证明；属实则立即停止销售并按规则赔偿', 'Counterfeit claim: provide purchase invoices / brand authorisation; if true, stop selling and compensate per the rule'),
      reason: t('假货投诉需凭证说明', 'Counterfeit claims need proof of source'),
      citation: cite('S1', '提供你产品正规进货渠道证明', 'shop-policy'),
    },

    // Complaint flow (S3)
    {
      id: 'act-complaint-verify', type: 'action', platforms: BOTH, order: 0, when: { kinds: ['complaint'] },
      text: t('核实投诉内容，判断是商家责任还是买家主观体验', 'Verify the complaint and decide whether the shop is at fault'),
      reason: t('投诉处理第一步：核实并判定责任', 'First step: verify and decide fault'),
      citation: cite('S3', '接到投诉后,我们要针对投诉的内容进行情况核实', 'shop-policy'),
    },
    {
      id: 'act-complaint-not-at-fault', type: 'action', platforms: BOTH, order: 30, when: { kinds: ['complaint'], compensation: 'none' },
      text: t('若非商家责任：向买家解释安抚；买家不接受时上传凭证和说明并拒绝投诉（忠实顾客可申请特殊处理）', 'Not the shop’s fault: explain kindly; if not accepted, upload evidence and a statement and reject (a loyal customer may get special handling)'),
      reason: t('非商家责任时解释并举证', 'Not at fault: explain and prove'),
      citation: cite('S3', '如果不是商家的责任,我们与买家进行解释安抚,如果买家不接受', 'shop-policy'),
    },
    {
      id: 'act-complaint-escalate', type: 'action', platforms: BOTH, order: 31, when: { kinds: ['complaint'] },
      text: t('买家要求超出你的处理权限时向上反馈，权限内直接答复', 'Escalate only what is beyond your authority; answer the rest yourself'),
      reason: t('按处理权限表处理，超出权限再上报', 'Work within the authority table, escalate beyond it'),
      citation: cite('S3', '如果买家要求的超出了投诉处理人员的权限范围之外再向上反馈', 'shop-policy'),
    },
    {
      id: 'act-complaint-upload', type: 'action', platforms: BOTH, order: 32, when: { kinds: ['complaint'] },
      text: t('无论结果如何，都在投诉管理页上传留言和凭证；除非商家同意投诉，由小二判定是否成立', 'Whatever the outcome, upload messages and evidence on the complaint page; unless the shop accepts, the platform decides'),
      reason: t('投诉页面上传留言、凭证', 'Always upload evidence on the complaint page'),
      citation: cite('S3', '不管最终是什么处理方案,我们都需要在投诉管理页面上传留言、凭证'),
    },

    // Remedy ladder (S3 authority table; shop policy, limits editable in settings)
    {
      id: 'remedy-apology', type: 'action', platforms: BOTH, order: 50, when: { kinds: ['complaint'] },
      text: t('权限1：致歉、安抚并解释', 'Authority 1: apologise, reassure and explain'),
      reason: t('所有投诉第一时间致歉安抚', 'Apologise first in every complaint'),
      citation: cite('S3', '解释安抚 针对所有引起的投诉,不管是否商家责任,第一时间都应向客户致歉', 'shop-policy'),
    },
    {
      id: 'remedy-price-difference', type: 'action', platforms: BOTH, order: 51, when: { kinds: ['complaint'] },
      text: t('权限2：活动规则或价格有歧义时退差价', 'Authority 2: refund the price difference when the offer was unclear'),
      reason: t('退差价', 'Refund the price difference'),
      citation: cite('S3', '退差价 由于商家原因导致活动规则不明确', 'shop-policy'),
    },
    {
      id: 'remedy-small-gift', type: 'action', platforms: BOTH, order: 52, when: { kinds: ['complaint'] },
      text: t('权限3：赠送小礼品', 'Authority 3: a small gift'),
      reason: t('送小礼品挽回信心', 'A small gift to restore trust'),
      citation: cite('S3', '送小礼品 由于商家原因导致客户对店铺服务或商品不满', 'shop-policy'),
    },
    {
      id: 'remedy-return-refund', type: 'action', platforms: BOTH, order: 53, when: { kinds: ['complaint'] },
      text: t('权限4：退货退款', 'Authority 4: return and refund'),
      reason: t('退货退款避免升级', 'Return and refund to avoid escalation'),
      citation: cite('S3', '退货退款 由于商家原因导致客户对店铺服务或商品不满,为避免客户投诉升级', 'shop-policy'),
    },
    {
      id: 'remedy-exchange', type: 'action', platforms: BOTH, order: 54, when: { kinds: ['complaint'] },
      text: t('权限5：缺货/延迟时换不同款商品', 'Authority 5: exchange for a different item (out of stock / late)'),
      reason: t('非同款换货，价格不超过原价+30%（店铺政策）', 'Exchange up to the original price + 30 % (shop policy)'),
      citation: cite('S3', '非同款商品换货 针对未按约定时间发货/缺货', 'shop-policy'),
      limit: { kind: 'exchange-uplift', percent: 30, setting: 'exchangeUpliftPercent' },
    },
    {
      id: 'remedy-coupon', type: 'action', platforms: BOTH, order: 55, when: { kinds: ['complaint'] },
      text: t('权限6：补偿店铺优惠券', 'Authority 6: a store coupon'),
      reason: t('优惠券最高为订单金额1倍（店铺政策）', 'Coupon up to 1 × the order amount (shop policy)'),
      citation: cite('S3', '补偿优惠券 针对商家失误', 'shop-policy'),
      limit: { kind: 'percent-of-paid', percent: 100, setting: 'couponMaxPercentOfOrder' },
    },
    {
      id: 'remedy-small-cash', type: 'action', platforms: BOTH, order: 56, when: { kinds: ['complaint'] },
      text: t('权限7：买家不接受优惠券时小额现金补偿', 'Authority 7: small cash when the buyer declines a coupon'),
      reason: t('小额现金为实付金额5%–10%（店铺政策）', 'Small cash of 5–10 % of the paid amount (shop policy)'),
      citation: cite('S3', '小额补偿现金 (客户不接受补偿优惠券前提下)', 'shop-policy'),
      limit: { kind: 'range-of-paid', minPercent: 5, maxPercent: 10, minSetting: 'smallCashMinPercent', maxSetting: 'smallCashMaxPercent' },
    },
    {
      id: 'remedy-cash-below-compensation', type: 'action', platforms: BOTH, order: 57, when: { kinds: ['complaint'], categories: [...DELIVERY] },
      text: t('权限8：协商低于缺货赔付的现金补偿，买家满意后可自愿撤销投诉', 'Authority 8: cash below the out-of-stock compensation; the buyer may withdraw the complaint if satisfied'),
      reason: t('低于赔付红包的现金补偿', 'Cash below the compensation'),
      citation: cite('S3', '补偿现金(缺货赔付) 由于商家缺货导致客户投诉升级', 'shop-policy'),
      limit: { kind: 'below-compensation' },
    },
    {
      id: 'remedy-free-order', type: 'action', platforms: BOTH, order: 58, when: { kinds: ['complaint'] },
      text: t('权限9：达到退一赔一/退一赔三情形时免单（不退货，退回货款）', 'Authority 9: free order where 退一赔一 / 退一赔三 applies (no return, full refund)'),
      reason: t('免单', 'Free order'),
      citation: cite('S3', '免单 由于商家原因导致客户对店铺服务或商品不满,且达到工商要求退一赔一或退一赔三', 'shop-policy'),
    },
    {
      id: 'remedy-courier-claim', type: 'action', platforms: BOTH, order: 59, when: { kinds: ['complaint'] },
      text: t('权限10：快递原因导致的投诉，赔付由快递公司承担（向快递理赔）', 'Authority 10: carrier at fault — claim the compensation from the carrier'),
      reason: t('快递理赔', 'Courier claims'),
      citation: cite('S3', '快递理赔 由快递原因导致的客户升级投诉', 'shop-policy'),
    },
    {
      id: 'act-general-procedure', type: 'action', platforms: BOTH, order: 90,
      text: t('通用流程：联系 → 核实 → 致歉 → 商定方案 → 每日跟进 → 登记并打标', 'General procedure: contact → verify → apologise → agree a remedy → follow up daily → record and tag'),
      reason: t('售后处理六步', 'The six after-sales steps'),
      citation: cite('S2', '当消费者申请退款或者退换货时,作为客服处理的步骤共有六步', 'shop-policy'),
    },
    {
      id: 'act-reply-within-24h', type: 'action', platforms: BOTH, order: 91,
      text: t('店铺默认：24小时内答复买家的售后申请（通用模板，非平台规则）', 'Shop default: answer after-sales requests within 24 h (generic template, not a platform rule)'),
      reason: t('通用售后政策：24小时内审核答复', 'Generic policy: review within 24 h'),
      citation: cite('S4', '2. 审核处理一旦客户提交了售后申请,我们将在24小时内进行审核', 'shop-policy'),
    },

    // ───────────────────────── Reply templates (polite; never pressure or deceive) ─────────────────────────
    {
      id: 'reply-ask-correct-reason', type: 'reply', platforms: BOTH, order: 1, when: { compensation: 'contestable' },
      title: t('请买家核对退款原因', 'Ask the buyer to check the reason'),
      template: '亲，您好！这里是{shopName}。您的订单{orderId}申请退款时选择的原因是「{reason}」，我们核对后发现与订单实际情况不太一致。方便的话，能否请您按实际情况修改一下退款原因？修改后我们会第一时间为您处理退款。如果您有不同看法，也欢迎告诉我们，我们会认真核实。给您添麻烦了，谢谢理解！{signature}',
      reason: t('礼貌请买家按实际修改原因，不施压', 'Politely ask for a correction, no pressure'),
      citation: cite('S0', '先联系客户修改退款原因', 'shop-policy'),
    },
    {
      id: 'reply-apology-delivery', type: 'reply', platforms: BOTH, order: 2, when: { compensation: 'due', categories: [...DELIVERY] },
      title: t('致歉并尽快退款', 'Apologise and refund promptly'),
      template: '亲，非常抱歉！您在{shopName}的订单{orderId}因我们的原因未能按时正常发货，给您带来不便了。我们会尽快为您处理退款，平台规定的赔付会按规则发放给您。再次向您致歉，感谢您的包容！{signature}',
      reason: t('原因属实时致歉并尽快处理', 'When the reason is true: apologise and settle fast'),
      citation: cite('S2', '3、安抚致歉', 'shop-policy'),
    },
    {
      id: 'reply-complaint-ack', type: 'reply', platforms: BOTH, order: 3, when: { kinds: ['complaint'] },
      title: t('回应投诉', 'Answer the complaint'),
      template: '亲，您好！这里是{shopName}，我们已收到您对订单{orderId}的反馈，非常抱歉给您带来不好的体验。我们正在核实情况，会尽快给您一个明确的处理方案。您有任何想法也可以随时告诉我们。{signature}',
      reason: t('投诉第一时间致歉并说明处理进度', 'Apologise and state the next step on every complaint'),
      citation: cite('S3', '第一时间都应向客户致歉,安抚,并针对投诉事宜进行解释', 'shop-policy'),
    },
    {
      id: 'reply-quality', type: 'reply', platforms: BOTH, order: 4, when: { categories: ['quality', 'description-mismatch'] },
      title: t('质量/描述问题：请买家提供照片', 'Quality / description issue: ask for photos'),
      template: '亲，非常抱歉商品让您不满意！麻烦您拍几张问题部位的照片发给我们，我们核实后会为您安排退换货（运费由我们承担）或其他您满意的处理方式。{signature}',
      reason: t('质量问题核实后由店铺承担运费处理', 'Verify quality issues; the shop pays postage'),
      citation: cite('S2', '在消费者拍照举证确认后,客服首先要向消费者致歉', 'shop-policy'),
    },
    {
      id: 'reply-wrong-shipment', type: 'reply', platforms: BOTH, order: 4, when: { categories: ['wrong-shipment'] },
      title: t('错发/少发致歉', 'Wrong / short shipment apology'),
      template: '亲，非常抱歉我们发错/少发了商品！我们会马上为您补发正确的商品，错发的商品麻烦您方便时寄回，运费由我们承担。订单号：{orderId}。{signature}',
      reason: t('错发致歉并补发', 'Apologise and resend'),
      citation: cite('S2', '比如让消费者把错发的货退回,并且马上把正确的商品发出', 'shop-policy'),
    },
    {
      id: 'reply-seven-day', type: 'reply', platforms: BOTH, order: 4, when: { categories: ['seven-day'] },
      title: t('七天无理由退货说明', '7-day return instructions'),
      template: '亲，您好！您的退货申请我们已同意。请保持商品不影响二次销售（吊牌完好、未洗涤未使用），寄回后在退款页面填写快递单号，我们收到后会尽快为您退款。{signature}',
      reason: t('七天无理由：说明退回条件', '7-day return: explain the return conditions'),
      citation: cite('S2', '如七天无理由退换货,那么客服应该告知消费者,退回来的产品不能影响二次销售', 'shop-policy'),
    },
    {
      id: 'reply-logistics', type: 'reply', platforms: BOTH, order: 4, when: { categories: ['not-received', 'fake-shipment'] },
      title: t('未收到货：核查物流', 'Not received: checking logistics'),
      template: '亲，您好！非常抱歉让您久等了。我们已在核查订单{orderId}的物流情况，会尽快给您答复；如确实未能送达，我们会为您补发或退款。{signature}',
      reason: t('核实物流后补发或退款', 'Check logistics, then resend or refund'),
      citation: cite('S2', '也有的是快递正在途中,但是消费者就提出退款申请', 'shop-policy'),
    },
    {
      id: 'reply-buyer-side-refund', type: 'reply', platforms: BOTH, order: 4, when: { categories: ['buyer-mistake', 'no-longer-wanted'] },
      title: t('同意退款', 'Refund agreed'),
      template: '亲，您好！您的退款申请（退款编号{refundId}）我们已处理，款项会按原支付方式退回。欢迎您下次再来{shopName}！{signature}',
      reason: t('不涉及赔付的退款直接处理', 'Refund directly when no compensation is involved'),
      citation: cite('S0', '大家可以自行完成退款', 'shop-policy'),
    },
    {
      id: 'reply-invoice', type: 'reply', platforms: BOTH, order: 4, when: { categories: ['invoice'] },
      title: t('发票处理', 'Invoice'),
      template: '亲，您好！很抱歉发票给您带来困扰，我们会尽快为订单{orderId}开具发票并告知您。{signature}',
      reason: t('尽快开具发票', 'Issue the invoice quickly'),
      citation: cite('S0', '跟客户协商尽快开发票', 'inferred'),
    },
    {
      id: 'reply-price-raise', type: 'reply', platforms: BOTH, order: 4, when: { categories: ['price-raise'] },
      title: t('按原价发货', 'Ship at the ordered price'),
      template: '亲，非常抱歉之前的沟通给您带来困扰！订单{orderId}我们会按您下单时的价格和页面承诺为您发货，不需要您补任何费用。{signature}',
      reason: t('不得加价发货', 'Never charge extra to ship'),
      citation: cite('S3', '(3)商家加价不发货', 'shop-policy'),
    },
    {
      id: 'reply-generic', type: 'reply', platforms: BOTH, order: 99,
      title: t('通用回复', 'General reply'),
      template: '亲，您好！这里是{shopName}，您的售后申请我们已收到，正在为您处理，有进展会第一时间告诉您。感谢您的耐心！{signature}',
      reason: t('通用：及时回应并告知进度', 'General: answer promptly with the next step'),
      citation: cite('S2', '5、跟进处理', 'shop-policy'),
    },
  ],
};

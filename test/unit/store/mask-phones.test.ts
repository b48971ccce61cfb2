import { describe, expect, it } from 'vitest';
import { maskPhones } from '../../../core/store';

/** Free text a page may carry into a case (退款原因, 买家, 活动): phone numbers never stay. */
describe('maskPhones', () => {
  it.each([
    ['联系我13800138000谢谢', '联系我***谢谢'],
    ['电话 138 001 38000', '电话 ***'],
    ['电话 138-0013-8000', '电话 ***'],
    ['+86 138 0013 8000 找我', '*** 找我'],
    ['座机 (010) 8888 6666', '座机 (***'],
    ['座机 0571-88886666', '座机 ***'],
    ['打 幺三八零零一三八零零零', '打 ***'],
    ['全角 １３８００１３８０００', '全角 ***'],
    ['１３８ ００１３ ８０００', '***'],
    // the review's other formats (L5)
    ['电话 138.0013.8000', '电话 ***'],
    ['打 1 3 8 0 0 1 3 8 0 0 0 谢谢', '打 *** 谢谢'],
    ['微信同号 一三八零零一三八零零零', '微信同号 ***'],
    ['(010) 1234 5678', '(***'],
    // financial numerals (second review)
    ['电话 壹叁捌零零壹叁捌零零零', '电话 ***'],
    ['打 壹參捌 零零壹參 捌零零零', '打 ***'],
  ])('%s → %s', (text, masked) => {
    expect(maskPhones(text)).toBe(masked);
    expect(maskPhones(text)).not.toMatch(/\d{3}[\s-]?\d{4}/);
  });

  it.each([
    ['卖家缺货'],
    ['实付 ¥500.00'],
    ['退款 2,399.00 元'],
    ['双11预售 2026-11-13 发货'],
    ['2026.11.13 10:00 前发货'],
    ['订单 3 件，少发 1 件'],
    ['七天无理由'],
    ['退款 壹佰贰拾捌元整'],
  ])('leaves %s as it is', (text) => {
    expect(maskPhones(text)).toBe(text);
  });
});

import { describe, expect, it } from 'vitest';
import { screenText } from '../../../shared/domain/pii.js';
import { RequestMessageCreateSchema } from '../../../shared/schemas/requests.js';
import { zodIssues } from '../../../shared/schemas/api.js';

/** Screen `text`, expecting a refusal; the refusal (undefined when it was accepted). */
function refused(text: string) {
  const r = screenText(text);
  expect(r.ok).toBe(false);
  return r.ok ? undefined : r;
}

describe('screenText', () => {
  it.each([
    'Gọi chị ấy số 0912345678',
    'call 0912 345 678',
    'sđt 0912.345.678',
    'sđt: 091-234-5678',
    'liên hệ +84 912 345 678',
    'liên hệ +84912345678',
    '84912345678 is her number',
    'số bàn 024 3825 1234',
    'mobile 0387654321.',
    'gọi (091) 234-5678',
    'sđt 0912,345,678',
    'sđt 0912  345  678',
    'sđt 0912/345/678',
    'sđt 0912_345_678',
    'sđt 0912 – 345 – 678',
    'số ٠٩١٢٣٤٥٦٧٨ (Arabic-Indic digits)',
    'số ۰۹۱۲۳۴۵۶۷۸ (Persian digits)',
    'số ०९१२३४५६७८ (Devanagari digits)',
    'số ０９１２３４５６７８ (fullwidth)',
    'số ０９１2 345 ６７８ (fullwidth mixed with ASCII)',
    'số ０９１２－３４５－６７８ (fullwidth dashes)',
    'liên hệ ＋８４ ９１２ ３４５ ６７８',
    'số 𝟎𝟗𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖',
  ])('refuses a phone number: %s', (text) => {
    const r = refused(text);
    expect(r?.reason).toBe('phone');
    expect(r?.message).toMatch(/phone number/);
    expect(r?.message).toMatch(/số điện thoại/);
  });

  it.each([
    'CCCD 001234567890',
    'CMND 123456789',
    'id 001 234 567 890',
    'số 123-456-789',
    'CCCD 001_090_001_234',
    'CCCD 001.090.001.234',
    'CCCD ００１０９０００１２３４',
    'CMND 123/456/789',
  ])('refuses an ID-card number: %s', (text) => {
    expect(refused(text)?.reason).toBe('id_card');
  });

  it.each([
    'Cần 200 bộ dụng cụ vệ sinh cho phụ nữ và trẻ em gái',
    'ngày 7/9 lúc 13:00',
    'Ngày 07.09.2024 bão đổ bộ',
    'Đèn chiếu sáng lối đi tới nhà vệ sinh, 30 cái',
    'Ngân sách 100.000.000 đồng',
    'Budget 1,500,000 VND for 120 kits',
    'Hotline 111 and 1800 0000 posted at the entrance',
    'Ca đêm cần 2 nhân viên nữ; phòng 12, tầng 3',
    'Khóa trong cho nhà tắm ở khu B',
    'Storm No. 3, bulletin 27, level 4',
    'Cần 200 bộ dụng cụ vệ sinh trước 16:30 ngày 12/09/2024',
    'Nhà văn hoá thôn 3, 45 hộ, 120 người',
    '2024-09-07 13:00',
    'Lô 12, 3 tầng',
    'ngày 07/09/2024 13:00, 250 người',
    'Từ 07.09.2024 đến 14.09.2024: 3.500 suất ăn',
    'phòng 01, 02, 03, 04, 05',
    'Cần ２００ bộ dụng cụ trước １６:３０',
    'Ca ٣ từ ٢٢:٠٠',
    '',
  ])('accepts ordinary text: %s', (text) => expect(screenText(text)).toEqual({ ok: true }));
});

describe('screened schemas', () => {
  it('refuse a message with a phone number, naming the field and the reason', () => {
    const r = RequestMessageCreateSchema.safeParse({ text: 'gọi 0912 345 678' });
    expect(r.success).toBe(false);
    if (!r.success) {
      const [issue] = zodIssues(r.error);
      expect(issue?.path).toBe('text');
      expect(issue?.message).toMatch(/phone number/);
    }
  });
  it('accept Vietnamese text with diacritics', () => {
    expect(
      RequestMessageCreateSchema.safeParse({ text: 'Đã nhận 200 bộ dụng cụ ngày 7/9, cảm ơn!' }).success,
    ).toBe(true);
  });
});

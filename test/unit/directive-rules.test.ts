import { describe, expect, it } from 'vitest';
import {
  classifyDirective,
  DEFAULT_DIRECTIVE_RULES,
  rulesFingerprint,
  URGENCY,
  type DirectiveInput,
} from '../../electron/services/directives/directive-rules.ts';
import { documentNumber, headerArea } from '../../electron/services/directives/directive-signs.ts';

const rules = { ...DEFAULT_DIRECTIVE_RULES, leadership: ['chutich@binhphuoc.gov.vn', '@lanhdao.binhphuoc.gov.vn'] };
const gov = 'vanphong@binhphuoc.gov.vn';
const of = (input: Partial<DirectiveInput> & { subject: string }) =>
  classifyDirective({ fromAddress: gov, ...input }, rules);

describe('directive rules', () => {
  it('reads urgency from the official marks only', () => {
    expect(of({ subject: 'HỎA TỐC: Công điện 01/CĐ-UBND ứng phó bão' })).toMatchObject({
      kind: 'directive',
      urgency: URGENCY.flash,
    });
    expect(of({ subject: 'Thượng khẩn - V/v báo cáo thiệt hại' }).urgency).toBe(URGENCY.veryUrgent);
    expect(of({ subject: 'V/v báo cáo thiệt hại (Khẩn)' }).urgency).toBe(URGENCY.urgent);
    expect(of({ subject: 'KHAN - V/v bao cao so lieu' }).urgency).toBe(URGENCY.urgent);
    // "khẩn trương" (promptly) and "khẩn cấp" are words of their own; "khăn" is a towel.
    expect(of({ subject: 'V/v đôn đốc khẩn trương giải ngân vốn' })).toMatchObject({ kind: 'directive', urgency: 0 });
    expect(of({ subject: 'Công văn V/v mua khăn trải bàn' }).urgency).toBe(0);
  });

  it('counts Importance/X-Priority only with an official sender and an official form', () => {
    expect(of({ subject: 'V/v tổng hợp biên chế', xPriority: '1 (Highest)' }).urgency).toBe(URGENCY.urgent);
    expect(of({ subject: 'Gửi anh file số liệu', xPriority: '1' })).toMatchObject({ kind: null, urgency: 0 });
    expect(
      classifyDirective({ fromAddress: 'bantin@vnexpress.net', subject: 'Bản tin sáng', xPriority: '1' }, rules),
    ).toMatchObject({ kind: null, urgency: 0 });
    expect(
      classifyDirective({ fromAddress: 'khuyenmai@shop.vn', subject: 'KHẨN: nhận voucher', importance: 'High' }, rules),
    ).toMatchObject({ isDirective: false, urgency: 0 });
  });

  it('makes invitations their own kind, not directives', () => {
    expect(of({ subject: 'Giấy mời họp giao ban tháng 6' })).toMatchObject({ kind: 'invitation', isDirective: false });
    expect(of({ subject: 'HỎA TỐC - Giấy mời họp ứng phó bão' })).toMatchObject({ kind: 'invitation', urgency: 3 });
    expect(of({ subject: '15/GM-UBND - dự hội nghị tổng kết' }).kind).toBe('invitation');
    expect(classifyDirective({ fromAddress: 'events@misa.com.vn', subject: 'Thư mời hội thảo' }, rules).kind).toBe(
      null,
    );
  });

  it('does not take replies, unofficial forwards or automated notices for orders', () => {
    expect(of({ subject: 'Re: KHẨN - V/v báo cáo số liệu' })).toMatchObject({ kind: null, urgency: 0 });
    expect(
      classifyDirective({ fromAddress: 'chutich@binhphuoc.gov.vn', subject: 'Re: V/v báo cáo số liệu' }, rules).kind,
    ).toBe('directive');
    expect(
      classifyDirective({ fromAddress: 'a@gmail.com', subject: 'Fwd: Hỏa tốc - Công văn 12/UBND-VX' }, rules).kind,
    ).toBe(null);
    expect(of({ subject: 'Fwd: Công văn 12/UBND-VX V/v phòng dịch' }).kind).toBe('directive');
    expect(
      classifyDirective({ fromAddress: 'no-reply@dichvucong.gov.vn', subject: 'Thông báo hồ sơ' }, rules).kind,
    ).toBe(null);
  });

  it('reads the header area of the document: marks on a line of their own, above the trích yếu', () => {
    const body = ['ỦY BAN NHÂN DÂN TỈNH', 'Số: 45/UBND-VX', 'HỎA TỐC', 'V/v phòng chống dịch', 'Kính gửi: ...'].join(
      '\n',
    );
    expect(headerArea(body)).toBe('ỦY BAN NHÂN DÂN TỈNH\nSố: 45/UBND-VX\nHỎA TỐC');
    expect(of({ subject: 'Chuyển văn bản', body })).toMatchObject({ kind: 'directive', urgency: URGENCY.flash });
    const below = 'Số: 45/UBND-VX\nV/v phòng chống dịch\nKính gửi: các đơn vị\nKHẨN\nĐề nghị thực hiện khẩn.';
    expect(of({ subject: 'Chuyển văn bản', body: below })).toMatchObject({ kind: 'directive', urgency: 0 });
    expect(of({ subject: 'Chuyển văn bản', body: 'Độ khẩn: Thượng khẩn\nV/v ...' }).urgency).toBe(2);
  });

  it('finds document numbers, not dates or issues', () => {
    expect(documentNumber('Công văn số 123/UBND-VX')?.number).toBe('123/UBND-VX');
    expect(documentNumber('Quyết định 12/2024/QĐ-UBND')?.typeCode).toBe('QĐ');
    expect(documentNumber('Tờ trình 7/TTr-SNV')?.typeCode).toBe('TTr');
    expect(documentNumber('Số 45/UBND')?.number).toBe('45/UBND');
    expect(documentNumber('Bản tin 12/6/2024')).toBeNull();
    expect(documentNumber('Hỗ trợ 24/7')).toBeNull();
  });

  it('leadership mail is a directive, and the fingerprint follows the rules', () => {
    expect(
      classifyDirective({ fromAddress: 'pct@lanhdao.binhphuoc.gov.vn', subject: 'Chuẩn bị số liệu' }, rules),
    ).toMatchObject({ kind: 'directive', reasons: expect.arrayContaining(['leadership']) });
    expect(rulesFingerprint(rules)).toBe(rulesFingerprint({ ...rules, leadership: [...rules.leadership].reverse() }));
    expect(rulesFingerprint(rules)).not.toBe(rulesFingerprint(DEFAULT_DIRECTIVE_RULES));
  });
});

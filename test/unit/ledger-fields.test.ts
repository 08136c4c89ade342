import { describe, expect, it } from 'vitest';
import { parseRegisterFields, trichYeu, urgencyOf, findSoKyHieu } from '../../shared/ledger-fields.ts';

const p = (subject: string, extra: Partial<Parameters<typeof parseRegisterFields>[0]> = {}) =>
  parseRegisterFields({ subject, ...extra });

describe('register fields from a message', () => {
  it('reads số/ký hiệu, kind, trích yếu and date from a công văn subject', () => {
    expect(p('Công văn số 123/UBND-VX ngày 12/3/2026 V/v triển khai công tác chuyển đổi số năm 2026')).toEqual({
      soKyHieu: '123/UBND-VX',
      tenLoai: 'Công văn',
      trichYeu: 'Triển khai công tác chuyển đổi số năm 2026',
      urgency: 'thuong',
      tacGia: 'Ủy ban nhân dân',
      ngayVanBan: '2026-03-12',
    });
  });

  it('knows the kind codes in a ký hiệu and the words that open a subject', () => {
    expect(p('Quyết định 45/QĐ-UBND về việc phê duyệt danh sách').tenLoai).toBe('Quyết định');
    expect(p('Gửi 45/QĐ-UBND phê duyệt danh sách').tenLoai).toBe('Quyết định');
    expect(p('12/KH-SNV tổ chức thi nâng ngạch').tenLoai).toBe('Kế hoạch');
    expect(p('Tờ trình 07/TTr-SNV đề nghị phê duyệt').tenLoai).toBe('Tờ trình');
    expect(p('Số 08/CĐ-UBND về phòng chống bão số 3').tenLoai).toBe('Công điện');
    expect(p('Giấy mời họp giao ban tháng 12').tenLoai).toBe('Giấy mời');
    expect(p('Thông báo 99/TB-VP kết luận của Chủ tịch').tenLoai).toBe('Thông báo');
    expect(p('Báo cáo tình hình tháng 11').tenLoai).toBe('Báo cáo');
    expect(p('Chỉ thị 05/CT-UBND tăng cường kỷ luật').tenLoai).toBe('Chỉ thị');
  });

  it('reads "CV số 123/SNV-TCCB" with its issuer', () => {
    const f = p('Fwd: CV số 123/SNV-TCCB v/v cử cán bộ đi học');
    expect(f).toMatchObject({
      soKyHieu: '123/SNV-TCCB',
      tenLoai: 'Công văn',
      trichYeu: 'Cử cán bộ đi học',
      tacGia: 'Sở Nội vụ',
    });
  });

  it('handles unaccented and NFD input, and returns NFC', () => {
    const f = p('Cong van so 45/QD-UBND ve viec phe duyet ke hoach');
    expect(f).toMatchObject({ soKyHieu: '45/QD-UBND', tenLoai: 'Công văn', trichYeu: 'Phe duyet ke hoach' });
    const nfd = p('[Khẩn] Kế hoạch 12/KH-SNV V/v tổ chức hội nghị'.normalize('NFD'));
    expect(nfd).toMatchObject({ soKyHieu: '12/KH-SNV', tenLoai: 'Kế hoạch', urgency: 'khan' });
    expect(nfd.trichYeu).toBe('Tổ chức hội nghị');
    expect(nfd.trichYeu).toBe(nfd.trichYeu.normalize('NFC'));
  });

  it('reads urgency marks without mistaking "khó khăn" for Khẩn', () => {
    expect(urgencyOf('HỎA TỐC - Công điện về ứng phó bão')).toBe('hoa-toc');
    expect(urgencyOf('(Thượng khẩn) Công văn 5/UBND-KT')).toBe('thuong-khan');
    expect(urgencyOf('KHAN: cong van so 7/UBND-VP')).toBe('khan');
    expect(urgencyOf('[khan] bao cao so lieu')).toBe('khan');
    expect(urgencyOf('Báo cáo khó khăn, vướng mắc')).toBe('thuong');
    expect(urgencyOf('Bao cao kho khan vuong mac')).toBe('thuong');
    expect(urgencyOf('Công văn 1/SNV-VP', 'Kính gửi...\nĐộ khẩn: Thượng khẩn\n')).toBe('thuong-khan');
    expect(urgencyOf('hoa toc: giay moi hop')).toBe('hoa-toc');
  });

  it('strips reply prefixes and urgency marks from the trích yếu', () => {
    expect(trichYeu('Re: TL: [Khẩn] V/v báo cáo số liệu quý IV')).toBe('Báo cáo số liệu quý IV');
    expect(trichYeu('Quyết định số 45/QĐ-UBND: phê duyệt đề án')).toBe('Phê duyệt đề án');
    expect(trichYeu('Về việc nghỉ Tết Nguyên đán')).toBe('Nghỉ Tết Nguyên đán');
  });

  it('finds the number in the body or an attachment name when the subject has none', () => {
    expect(findSoKyHieu(['Gửi văn bản', 'Kèm theo Quyết định số 2025/QĐ-UBND ngày 1/12/2026'])).toBe('2025/QĐ-UBND');
    expect(findSoKyHieu(['Gửi văn bản'], ['45_QĐ-UBND.pdf'])).toBe('45/QĐ-UBND');
    expect(findSoKyHieu(['Nghị định 30/2020/NĐ-CP về công tác văn thư'])).toBe('30/2020/NĐ-CP');
    expect(findSoKyHieu(['Họp ngày 10/3/2026'])).toBe('');
  });

  it('takes an organisation-like sender name as the issuing body', () => {
    const f = p('V/v cử cán bộ', { fromName: 'Sở Tài chính tỉnh Bình Phước', fromAddress: 'stc@binhphuoc.gov.vn' });
    expect(f.tacGia).toBe('Sở Tài chính tỉnh Bình Phước');
    expect(p('V/v cử cán bộ', { fromName: 'Nguyễn Văn B', fromAddress: 'b@x.vn' }).tacGia).toBe('Nguyễn Văn B');
  });
});

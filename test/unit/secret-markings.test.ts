import { describe, expect, it } from 'vitest';
import { findSecretMarkings } from '../../shared/send-policy.ts';

const levels = (subject: string, text = '', names: string[] = []): string[] =>
  findSecretMarkings(subject, text, names).map((h) => `${h.where}:${h.marking}`);

describe('findSecretMarkings: subjects', () => {
  it.each([
    ['[MẬT] V/v triển khai kế hoạch', 'Mật'],
    ['[Mật] V/v triển khai kế hoạch', 'Mật'],
    ['(MẬT) Kế hoạch số 12/KH-UBND', 'Mật'],
    ['MẬT - V/v triển khai kế hoạch', 'Mật'],
    ['Mật - V/v triển khai kế hoạch', 'Mật'],
    ['Mật: Kế hoạch phòng thủ', 'Mật'],
    ['MẬT V/v triển khai kế hoạch', 'Mật'],
    ['Gửi văn bản MẬT số 12/UBND-NC', 'Mật'],
    ['TỐI MẬT - Kế hoạch', 'Tối mật'],
    ['[TUYỆT MẬT] Kế hoạch', 'Tuyệt mật'],
    ['Tài liệu tối mật về quốc phòng', 'Tối mật'],
    ['Văn bản tuyệt mật', 'Tuyệt mật'],
    ['Độ mật: Mật', 'Mật'],
    ['Re: Fwd: [MẬT] Báo cáo', 'Mật'],
  ])('%s → %s', (subject, level) => {
    expect(levels(subject)).toEqual([`subject:${level}`]);
  });

  it('reports the highest level once when a longer marking holds a shorter one', () => {
    expect(levels('[TỐI MẬT] Kế hoạch')).toEqual(['subject:Tối mật']);
    expect(levels('Độ mật: Tuyệt mật')).toEqual(['subject:Tuyệt mật']);
  });

  it('reads NFD input', () => {
    expect(levels('[MẬT] Kế hoạch'.normalize('NFD'))).toEqual(['subject:Mật']);
    expect(levels('Văn bản tối mật'.normalize('NFD'))).toEqual(['subject:Tối mật']);
  });

  it.each([
    'Mật khẩu hộp thư mới',
    'MẬT KHẨU HỘP THƯ MỚI',
    'Đổi mật khẩu định kỳ',
    'ĐỔI MẬT KHẨU ĐỊNH KỲ',
    'Bảo đảm bí mật thông tin',
    'V/V TĂNG CƯỜNG BẢO MẬT THÔNG TIN',
    'BÍ MẬT NHÀ NƯỚC: hướng dẫn',
    'Quan hệ mật thiết giữa các sở',
    'Mật độ dân số năm 2024',
    'MẬT ĐỘ DÂN SỐ',
    'Tập huấn mật mã dân sự',
    'Mật mã - an toàn thông tin',
    'Độ mật: Thường',
    'Buổi tối mật ong rừng',
    'Họp giao ban tuần',
    'Mật',
  ])('no marking in "%s"', (subject) => {
    // A subject that is only "Mật" counts (a stamp); the others are ordinary words.
    expect(levels(subject)).toEqual(subject === 'Mật' ? ['subject:Mật'] : []);
  });
});

describe('findSecretMarkings: text', () => {
  it('finds a stamp line, a classification field and capitals standing apart', () => {
    expect(levels('Kế hoạch', 'UBND TỈNH BÌNH PHƯỚC\n\n   MẬT   \n\nSố: 12/KH-UBND')).toEqual(['text:Mật']);
    expect(levels('Kế hoạch', '**TỐI MẬT**\nNội dung')).toEqual(['text:Tối mật']);
    expect(levels('Kế hoạch', 'Số: 12/KH-UBND\nĐộ mật: Mật\nĐộ khẩn: Hỏa tốc')).toEqual(['text:Mật']);
    expect(levels('Kế hoạch', 'Kính gửi các sở.\nGửi kèm văn bản MẬT số 45 để triển khai.')).toEqual(['text:Mật']);
    expect(levels('Kế hoạch', 'Mật\r\nKính gửi')).toEqual(['text:Mật']);
  });

  it('reports each level once with the line where it was seen', () => {
    const hits = findSecretMarkings('Kế hoạch', 'MẬT\nnội dung\nMẬT\nTuyệt mật', []);
    expect(hits).toEqual([
      { marking: 'Mật', where: 'text', excerpt: 'MẬT' },
      { marking: 'Tuyệt mật', where: 'text', excerpt: 'Tuyệt mật' },
    ]);
  });

  it('stays quiet on ordinary words in sentences', () => {
    const body = [
      'Đề nghị các đơn vị đổi mật khẩu hộp thư trước ngày 15.',
      'Thông tin cá nhân là bí mật đời tư, cần giữ kín.',
      'Hai sở phối hợp mật thiết trong triển khai.',
      'Mật khẩu mới: gồm chữ và số.',
      'HƯỚNG DẪN ĐỔI MẬT KHẨU',
      'V/V BẢO VỆ BÍ MẬT NHÀ NƯỚC',
      'Mật độ xây dựng tối đa 60%.',
      'Trân trọng./.',
    ].join('\n');
    expect(levels('Hướng dẫn', body)).toEqual([]);
  });

  it('shortens a long line in the excerpt', () => {
    const [hit] = findSecretMarkings('', `Văn bản MẬT ${'x'.repeat(500)}`, []);
    expect(hit?.excerpt.length).toBeLessThanOrEqual(160);
    expect(hit?.excerpt.endsWith('…')).toBe(true);
  });
});

describe('findSecretMarkings: attachment names', () => {
  it('finds markings, also without diacritics', () => {
    expect(levels('Kế hoạch', '', ['[MẬT] KH 12-UBND.pdf'])).toEqual(['attachment:Mật']);
    expect(levels('Kế hoạch', '', ['TOI_MAT_Ke_hoach_phong_thu.docx'])).toEqual(['attachment:Tối mật']);
    expect(levels('Kế hoạch', '', ['TUYET MAT - phuong an.pdf'])).toEqual(['attachment:Tuyệt mật']);
    expect(levels('Kế hoạch', '', ['Ke_hoach_MAT_so_12.pdf'])).toEqual(['attachment:Mật']);
    expect(levels('Kế hoạch', '', ['Mật - Kế hoạch.pdf'])).toEqual(['attachment:Mật']);
    expect(levels('Kế hoạch', '', ['[MAT] Ke hoach.pdf'])).toEqual(['attachment:Mật']);
  });

  it('does not take "mặt", "mất" or ordinary words for markings', () => {
    expect(
      levels('Kế hoạch', '', [
        'mat-bang-tang-1.pdf',
        'Mat bang tong the.dwg',
        'Toi mat giay to.docx',
        'Doi_mat_khau.pdf',
        'HUONG_DAN_DOI_MAT_KHAU.pdf',
        'Bao_cao_bao_mat.xlsx',
        'BAO_MAT_THONG_TIN.pdf',
        'format.mat',
        'Mật khẩu.txt',
      ]),
    ).toEqual([]);
  });

  it('names each attachment found', () => {
    const hits = findSecretMarkings('Kế hoạch', '', ['a.pdf', '[MẬT] b.pdf', 'TOI MAT c.pdf']);
    expect(hits.map((h) => h.excerpt)).toEqual(['[MẬT] b.pdf', 'TOI MAT c.pdf']);
  });
});

describe('findSecretMarkings: markings from the policy', () => {
  it('uses the markings it is given', () => {
    expect(findSecretMarkings('[HẠN CHẾ] Báo cáo', '', [], ['Hạn chế']).map((h) => h.marking)).toEqual(['Hạn chế']);
    expect(findSecretMarkings('[MẬT] Báo cáo', '', [], ['Tối mật'])).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  convertLegacyText,
  detectLegacyEncoding,
  scoreLegacy,
} from '../../../electron/services/mail/charset/detect.ts';
import { encodeTcvn3 } from '../../../electron/services/mail/charset/tcvn3.ts';
import { encodeVni } from '../../../electron/services/mail/charset/vni.ts';

const ADMINISTRATIVE = [
  'Quyết định số 45/QĐ-UBND về việc giao nhiệm vụ chuyển đổi số năm 2027',
  'Cộng hòa xã hội chủ nghĩa Việt Nam — Độc lập - Tự do - Hạnh phúc',
  'Kính gửi: Giám đốc các sở, ban, ngành; Chủ tịch UBND các huyện, thị xã, thành phố.',
  'Thực hiện Công văn số 1234/BTTTT-CĐSQG ngày 15/3/2027 của Bộ Thông tin và Truyền thông',
  'Đề nghị các đơn vị báo cáo kết quả trước ngày 30 tháng 11 năm 2027.',
  'Nơi nhận: Như trên; Lưu: VT, KGVX.',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'UỶ BAN NHÂN DÂN TỈNH BÌNH PHƯỚC',
];
const SUBJECTS = ['Chỉ đạo khẩn', 'Giấy mời họp', 'Báo cáo tuần', 'V/v triển khai kế hoạch'];

const FOREIGN = {
  French: [
    'Procès-verbal de la réunion à Genève',
    'Le comité a décidé de reporter la séance à la fin du mois, après l’été.',
    'Veuillez trouver ci-joint le procès-verbal approuvé par le président de séance.',
    'Ça a été très difficile, déjà là-bas où il était.',
  ],
  German: [
    'Die Größe der Bäume über München ist schön',
    'Sehr geehrte Damen und Herren, anbei übersende ich Ihnen die geänderte Tagesordnung für die Sitzung.',
    'Mit freundlichen Grüßen aus Köln, Müller',
  ],
  English: [
    'Please find attached the minutes of the meeting; the naïve résumé from the café was rejected.',
    'Regards — the coördinator’s office',
  ],
  Spanish: [
    'El niño está aquí con su mamá; sí, también José irá a la reunión del miércoles.',
    'Qué sé yo, tú sabrás.',
    'Señor director: adjunto el acta de la sesión.',
  ],
  Portuguese: ['A reunião é amanhã e não está confirmada; você pode vir às três?', 'Só é possível após a aprovação.'],
  Italian: ['La città è già pronta per la festa di sabato, perché è così.'],
  Swedish: ['Det är så att vi går dit på måndag då vi har möte.'],
};

describe('detectLegacyEncoding: true positives', () => {
  it.each(ADMINISTRATIVE)('finds TCVN3 and VNI in %s', (sentence) => {
    const tcvn3 = detectLegacyEncoding(encodeTcvn3(sentence));
    expect(tcvn3.encoding).toBe('tcvn3');
    expect(tcvn3.confidence).toBeGreaterThanOrEqual(0.6);
    const vni = detectLegacyEncoding(encodeVni(sentence));
    expect(vni.encoding).toBe('vni');
    expect(vni.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it.each(SUBJECTS)('finds short subjects: %s', (subject) => {
    expect(detectLegacyEncoding(encodeTcvn3(subject)).encoding).toBe('tcvn3');
    expect(detectLegacyEncoding(encodeVni(subject)).encoding).toBe('vni');
  });

  it('converts what it finds back to the exact NFC text', () => {
    for (const sentence of ADMINISTRATIVE.filter((s) => s !== s.toUpperCase())) {
      expect(convertLegacyText(encodeTcvn3(sentence), 'tcvn3')).toBe(sentence);
      expect(convertLegacyText(encodeVni(sentence), 'vni')).toBe(sentence);
    }
  });

  it('accepts a single telling word only with a hint from the rest of the message', () => {
    const one = encodeTcvn3('Gửi anh Nam');
    expect(detectLegacyEncoding(one).encoding).toBeNull();
    expect(detectLegacyEncoding(one, { hint: 'tcvn3' }).encoding).toBe('tcvn3');
  });
});

describe('detectLegacyEncoding: no false positives', () => {
  for (const [language, sentences] of Object.entries(FOREIGN)) {
    it.each(sentences)(`leaves ${language} alone: %s`, (sentence) => {
      expect(detectLegacyEncoding(sentence).encoding).toBeNull();
      for (const encoding of ['tcvn3', 'vni'] as const) {
        const { good, relevant } = scoreLegacy(sentence, encoding);
        expect(good).toBeLessThanOrEqual(2);
        expect(good / Math.max(relevant, 1)).toBeLessThan(0.4);
      }
    });
  }

  it('leaves all the foreign samples alone even taken together', () => {
    const all = Object.values(FOREIGN).flat().join('\n');
    expect(detectLegacyEncoding(all).encoding).toBeNull();
    expect(detectLegacyEncoding(all).confidence).toBeLessThan(0.1);
  });

  it('leaves correct Unicode Vietnamese alone, NFC or NFD, and never changes it', () => {
    for (const sentence of [...ADMINISTRATIVE, ...SUBJECTS]) {
      expect(detectLegacyEncoding(sentence).encoding).toBeNull();
      expect(detectLegacyEncoding(sentence.normalize('NFD')).encoding).toBeNull();
      expect(convertLegacyText(sentence, 'tcvn3')).toBe(sentence);
      expect(convertLegacyText(sentence, 'vni')).toBe(sentence);
    }
  });

  it('leaves Vietnamese that happens to use only Latin-1 letters alone', () => {
    for (const sentence of ['Tôi là ai', 'Hà Nội', 'Cà phê sáng nay', 'Chào anh, hôm nay trời nắng']) {
      expect(detectLegacyEncoding(sentence).encoding).toBeNull();
    }
  });

  it('leaves plain ASCII alone', () => {
    expect(detectLegacyEncoding('Bao cao ket qua thuc hien nhiem vu nam 2026')).toEqual({
      encoding: null,
      confidence: 0,
    });
  });
});

describe('convertLegacyText', () => {
  it('leaves lines that already hold Vietnamese Unicode as they are', () => {
    const mixed = `${encodeTcvn3('Kính gửi các đơn vị')}\n> Đã nhận, cảm ơn.`;
    expect(convertLegacyText(mixed, 'tcvn3')).toBe('Kính gửi các đơn vị\n> Đã nhận, cảm ơn.');
  });
});

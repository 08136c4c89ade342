import { describe, expect, it } from 'vitest';
import { TCVN3_ENCODE, decodeTcvn3, encodeTcvn3 } from '../../../electron/services/mail/charset/tcvn3.ts';
import { VNI_ENCODE, decodeVni, encodeVni } from '../../../electron/services/mail/charset/vni.ts';
import { vietnameseLetters } from '../../../electron/services/mail/charset/vietnamese.ts';

const { lower, upper } = vietnameseLetters();
const VN3_CAPITALS = ['Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ'];

describe('the Vietnamese repertoire', () => {
  it('has the 134 precomposed letters, 67 per case, all NFC and distinct', () => {
    expect(lower).toHaveLength(67);
    expect(upper).toHaveLength(67);
    const all = [...lower, ...upper];
    expect(new Set(all).size).toBe(134);
    for (const ch of all) {
      expect(ch).toBe(ch.normalize('NFC'));
      expect([...ch]).toHaveLength(1);
    }
  });
});

describe('TCVN3 table', () => {
  it('maps all 67 lowercase letters and exactly the seven VN3 capitals', () => {
    expect(Object.keys(TCVN3_ENCODE).sort()).toEqual([...lower, ...VN3_CAPITALS].sort());
  });

  it('uses distinct bytes in 0xA1-0xFE only (nothing in C1, so windows-1252 and Latin-1 agree)', () => {
    const bytes = Object.values(TCVN3_ENCODE);
    expect(new Set(bytes).size).toBe(bytes.length);
    for (const b of bytes) expect(b >= 0xa1 && b <= 0xfe).toBe(true);
  });

  it('agrees with the published VN3 chart at known points', () => {
    // Spot checks straight from TCVN 5712:1993 VN3 (a-row, đ/Đ, ư at the soft hyphen).
    expect(TCVN3_ENCODE['à']).toBe(0xb5);
    expect(TCVN3_ENCODE['á']).toBe(0xb8);
    expect(TCVN3_ENCODE['ạ']).toBe(0xb9);
    expect(TCVN3_ENCODE['đ']).toBe(0xae);
    expect(TCVN3_ENCODE['Đ']).toBe(0xa7);
    expect(TCVN3_ENCODE['ư']).toBe(0xad);
    expect(TCVN3_ENCODE['ỵ']).toBe(0xfe);
  });

  it('round-trips every lowercase letter and every capital it has', () => {
    for (const ch of [...lower, ...VN3_CAPITALS]) {
      const legacy = encodeTcvn3(ch);
      expect(legacy).toHaveLength(1);
      expect(decodeTcvn3(legacy)).toBe(ch);
    }
  });

  it('round-trips every toned capital inside an all-capital word (the .VnTimeH case)', () => {
    for (const ch of upper) {
      const word = `TH${ch}NG`;
      expect(decodeTcvn3(encodeTcvn3(word))).toBe(word);
    }
  });

  it('cannot know the case of a toned capital on its own: it comes back lowercase', () => {
    expect(decodeTcvn3(encodeTcvn3('Ủ'))).toBe('ủ');
    expect(decodeTcvn3(encodeTcvn3('Ủy ban nhân dân'))).toBe('ủy ban nhân dân');
  });

  it('round-trips whole lines in lowercase, title case and capitals', () => {
    for (const line of [
      'cộng hòa xã hội chủ nghĩa việt nam',
      'Độc lập - Tự do - Hạnh phúc',
      'Người ký: Chủ tịch Uỷ ban nhân dân tỉnh Bình Phước',
      'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'QUYẾT ĐỊNH VỀ VIỆC GIAO NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2027',
      'Số: 45/QĐ-UBND',
    ]) {
      expect(decodeTcvn3(encodeTcvn3(line))).toBe(line);
    }
  });

  it('decodes real-world TCVN3 mojibake', () => {
    expect(decodeTcvn3('Céng hoµ x· héi chñ nghÜa ViÖt Nam')).toBe('Cộng hoà xã hội chủ nghĩa Việt Nam');
    expect(decodeTcvn3('§éc lËp - Tù do - H¹nh phóc')).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(decodeTcvn3('CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM')).toBe('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(decodeTcvn3('Chñ ®¹o')).toBe('Chủ đạo');
    expect(decodeTcvn3('ChØ ®¹o')).toBe('Chỉ đạo');
    expect(decodeTcvn3('ng\u00adêi')).toBe('người');
  });

  it('keeps a one-capital word lowercase unless its neighbours are capitals with tones', () => {
    expect(decodeTcvn3('Céng hoµ X· héi')).toBe('Cộng hoà Xã hội');
    expect(decodeTcvn3('HOµ X· HéI')).toBe('HOÀ XÃ HỘI');
    expect(decodeTcvn3('UBND ®· ban hµnh')).toBe('UBND đã ban hành');
    expect(decodeTcvn3('Sè: 45/Q§-UBND')).toBe('Số: 45/QĐ-UBND');
  });
});

describe('VNI table', () => {
  it('maps all 134 letters', () => {
    expect(Object.keys(VNI_ENCODE).sort()).toEqual([...lower, ...upper].sort());
  });

  it('writes each letter as one byte or an ASCII base plus one modifier byte, never in C1', () => {
    for (const [letter, vni] of Object.entries(VNI_ENCODE)) {
      expect(vni.length === 1 || vni.length === 2).toBe(true);
      if (vni.length === 2) {
        expect(vni[0]).toMatch(/^[aeiouyAEIOUY\u00f4\u00d4\u00f6\u00d6]$/);
        expect(letter.normalize('NFD')[0]!.toLowerCase()).toBe(
          ({ ô: 'o', Ô: 'o', ö: 'u', Ö: 'u' } as Record<string, string>)[vni[0]!] ?? vni[0]!.toLowerCase(),
        );
      }
      for (const ch of vni) expect(ch.charCodeAt(0) < 0x80 || ch.charCodeAt(0) >= 0xc0).toBe(true);
    }
    expect(new Set(Object.values(VNI_ENCODE)).size).toBe(134);
  });

  it('round-trips every letter alone and inside words, both cases', () => {
    for (const ch of [...lower, ...upper]) {
      expect(decodeVni(encodeVni(ch))).toBe(ch);
      expect(decodeVni(encodeVni(`ng${ch}ng`))).toBe(`ng${ch}ng`);
      expect(decodeVni(encodeVni(`NG${ch}NG`))).toBe(`NG${ch}NG`);
    }
  });

  it('decodes real-world VNI mojibake', () => {
    expect(decodeVni('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam')).toBe('Cộng hòa xã hội chủ nghĩa Việt Nam');
    expect(decodeVni('Chæ ñaïo')).toBe('Chỉ đạo');
    expect(decodeVni('Tröôøng')).toBe('Trường');
    expect(decodeVni('ÑOÄC LAÄP')).toBe('ĐỘC LẬP');
  });

  it('takes the case from the base letter when shift and modifier disagree', () => {
    expect(decodeVni('Aù')).toBe('Á');
    expect(decodeVni('aÙ')).toBe('á');
  });
});

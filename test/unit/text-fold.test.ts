import { describe, expect, it } from 'vitest';
import { foldSlow, foldText } from '../../shared/text-fold.ts';

describe('foldText', () => {
  it('folds with the character table exactly as the general way, for every character of it', () => {
    for (let c = 0x80; c <= 0x1fff; c++) {
      const ch = String.fromCharCode(c);
      for (const t of [ch, `Ab${ch}Ệ x`, `${ch}${ch.toUpperCase()}`, `Đ${ch}\u0301`])
        expect(foldText(t), `U+${c.toString(16)}`).toBe(foldSlow(t));
    }
  });

  it('folds Vietnamese both ways to the same letters', () => {
    expect(foldText('Chỉ Đạo KHẨN: Quyết định số 15/QĐ-UBND')).toBe('chi dao khan: quyet dinh so 15/qd-ubnd');
    expect(foldText('Chi\u0309 \u0110a\u0323o')).toBe('chi dao');
    expect(foldText('Σοφία Привет')).toBe(foldSlow('Σοφία Привет'));
    expect(foldText('plain ASCII')).toBe('plain ascii');
  });
});

import { describe, expect, it } from 'vitest';
import {
  hasVietnameseUnicode,
  isVietnameseSyllable,
  stripTones,
} from '../../../electron/services/mail/charset/vietnamese.ts';

describe('isVietnameseSyllable', () => {
  it('accepts the syllables of administrative text', () => {
    const text =
      'Quyết định số về việc giao nhiệm vụ chuyển đổi năm Cộng hòa xã hội chủ nghĩa Việt Nam Độc lập Tự do ' +
      'Hạnh phúc người trưởng thuế suất của một Bộ tài chính Hà Nội ngày tháng sửa mức triển khai kế hoạch ' +
      'Chỉ đạo khẩn gửi Ủy ban nhân dân tỉnh Bình Phước thông báo huyện xử lý văn bản đồng chí quản công tác ' +
      'phòng chống dịch được những điều kiện yêu cầu hướng dẫn thực hiện tổ chức quyền hạn ngoài khuya quá ' +
      'giữa gì già nghiêng khoảng loại hoặc xoong thuở khuếch tuần luật quy giếng quăng quen quét quay oai';
    expect(text.split(' ').filter((w) => !isVietnameseSyllable(w))).toEqual([]);
  });

  it('accepts capitals and NFD input', () => {
    expect(isVietnameseSyllable('NGHĨA')).toBe(true);
    expect(isVietnameseSyllable('Việt'.normalize('NFD'))).toBe(true);
  });

  it('rejects foreign words and malformed syllables', () => {
    for (const w of ['Procès', 'réunion', 'Genève', 'schön', 'Größe', 'niño', 'está', 'cat', 'strength', 'Bäume']) {
      expect(isVietnameseSyllable(w), w).toBe(false);
    }
  });

  it('enforces the rules that carry the detection', () => {
    expect(isVietnameseSyllable('việc')).toBe(true);
    expect(isVietnameseSyllable('viềc')).toBe(false); // stop coda needs sắc or nặng
    expect(isVietnameseSyllable('viêc')).toBe(false);
    expect(isVietnameseSyllable('kế')).toBe(true);
    expect(isVietnameseSyllable('cế')).toBe(false); // c before e is spelled k
    expect(isVietnameseSyllable('ka')).toBe(false);
    expect(isVietnameseSyllable('ngia')).toBe(false); // ngh before i
    expect(isVietnameseSyllable('hoáu')).toBe(false);
    expect(isVietnameseSyllable('mặá')).toBe(false); // two tones
    expect(isVietnameseSyllable('tiên')).toBe(true);
    expect(isVietnameseSyllable('tyên')).toBe(false); // yê only without an onset
  });
});

describe('helpers', () => {
  it('strips tones but keeps vowel shapes', () => {
    expect(stripTones('Nghiệm')).toEqual({ base: 'nghiêm', tones: ['dot'] });
    expect(stripTones('ự')).toEqual({ base: 'ư', tones: ['dot'] });
  });

  it('recognises Vietnamese Unicode, precomposed or combining, but not Latin-1 letters', () => {
    expect(hasVietnameseUnicode('Chỉ đạo')).toBe(true);
    expect(hasVietnameseUnicode('Chi\u0309')).toBe(true);
    expect(hasVietnameseUnicode('Tôi là ai')).toBe(false);
    expect(hasVietnameseUnicode('Céng hoµ')).toBe(false);
  });
});

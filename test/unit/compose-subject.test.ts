import { describe, expect, it } from 'vitest';
import { forwardSubject, replySubject, stripReplyPrefixes } from '../../shared/compose-subject.ts';

const nfd = (s: string): string => s.normalize('NFD');

describe('stripReplyPrefixes', () => {
  it.each([
    ['Re: V/v họp giao ban', 'V/v họp giao ban'],
    ['RE: V/v họp giao ban', 'V/v họp giao ban'],
    ['re: V/v họp giao ban', 'V/v họp giao ban'],
    ['TL: V/v họp giao ban', 'V/v họp giao ban'],
    ['Trả lời: V/v họp giao ban', 'V/v họp giao ban'],
    ['TRẢ LỜI: V/v họp giao ban', 'V/v họp giao ban'],
    ['Tra loi: V/v họp giao ban', 'V/v họp giao ban'],
    ['Fwd: V/v họp giao ban', 'V/v họp giao ban'],
    ['FW: V/v họp giao ban', 'V/v họp giao ban'],
    ['Fw: V/v họp giao ban', 'V/v họp giao ban'],
    ['FWD: V/v họp giao ban', 'V/v họp giao ban'],
    ['CV: V/v họp giao ban', 'V/v họp giao ban'],
    ['Chuyển tiếp: V/v họp giao ban', 'V/v họp giao ban'],
    ['CHUYỂN TIẾP: V/v họp giao ban', 'V/v họp giao ban'],
    ['AW: Sitzung', 'Sitzung'],
    ['WG: Sitzung', 'Sitzung'],
    ['Tr: réunion', 'réunion'],
    ['SV: möte', 'möte'],
    ['RV: reunión', 'reunión'],
  ])('%s', (input, expected) => {
    expect(stripReplyPrefixes(input)).toBe(expected);
  });

  it('collapses stacks as found in the corpus', () => {
    expect(stripReplyPrefixes('RE: TL: Re: Fwd: V/v triển khai Kế hoạch số 45/KH-UBND')).toBe(
      'V/v triển khai Kế hoạch số 45/KH-UBND',
    );
    expect(stripReplyPrefixes('RE:RE:RE: Báo cáo tuần')).toBe('Báo cáo tuần');
    expect(stripReplyPrefixes('Re : Re : Báo cáo tuần')).toBe('Báo cáo tuần');
    expect(stripReplyPrefixes('Trả lời : CV: FW: Giấy mời')).toBe('Giấy mời');
    expect(stripReplyPrefixes('  Re:   Fwd:Giấy mời  ')).toBe('Giấy mời');
    expect(stripReplyPrefixes('Re[2]: Re(3): Re^4: Giấy mời')).toBe('Giấy mời');
    expect(stripReplyPrefixes('Re [2] : Giấy mời')).toBe('Giấy mời');
    expect(stripReplyPrefixes('Re： Giấy mời')).toBe('Giấy mời');
    expect(stripReplyPrefixes('Chuyển  tiếp: Trả  lời: Giấy mời')).toBe('Giấy mời');
  });

  it('normalises NFD input (as some mailers send Vietnamese) to NFC', () => {
    const out = stripReplyPrefixes(nfd('Trả lời: TL: V/v tăng cường phòng, chống dịch'));
    expect(out).toBe('V/v tăng cường phòng, chống dịch');
    expect(out).toBe(out.normalize('NFC'));
    expect(stripReplyPrefixes(nfd('CHUYỂN TIẾP: Kế hoạch'))).toBe('Kế hoạch');
  });

  it('keeps everything that is not a leading prefix', () => {
    expect(stripReplyPrefixes('V/v: trả lời kiến nghị của cử tri')).toBe('V/v: trả lời kiến nghị của cử tri');
    expect(stripReplyPrefixes('[MẬT] Re: Kế hoạch')).toBe('[MẬT] Re: Kế hoạch');
    expect(stripReplyPrefixes('Re: Báo cáo: số liệu Q3 (Re: lần 2)')).toBe('Báo cáo: số liệu Q3 (Re: lần 2)');
    expect(stripReplyPrefixes('Report: Q3')).toBe('Report: Q3');
    expect(stripReplyPrefixes('Revised: plan')).toBe('Revised: plan');
    expect(stripReplyPrefixes('Trả lời kiến nghị cử tri')).toBe('Trả lời kiến nghị cử tri');
    expect(stripReplyPrefixes('Fwd thông tin')).toBe('Fwd thông tin');
    expect(stripReplyPrefixes('TLS: cấu hình')).toBe('TLS: cấu hình');
    expect(stripReplyPrefixes('Trình: dự thảo')).toBe('Trình: dự thảo');
    expect(stripReplyPrefixes('')).toBe('');
    expect(stripReplyPrefixes('Re:')).toBe('');
  });
});

describe('replySubject and forwardSubject', () => {
  it('put exactly one prefix', () => {
    expect(replySubject('V/v họp giao ban')).toBe('Re: V/v họp giao ban');
    expect(replySubject('Re: V/v họp giao ban')).toBe('Re: V/v họp giao ban');
    expect(replySubject('RE: TL: Re: Fwd: V/v triển khai…')).toBe('Re: V/v triển khai…');
    expect(forwardSubject('V/v họp giao ban')).toBe('Fwd: V/v họp giao ban');
    expect(forwardSubject('Fwd: FW: CV: V/v họp giao ban')).toBe('Fwd: V/v họp giao ban');
    expect(forwardSubject('Re: TL: V/v họp giao ban')).toBe('Fwd: V/v họp giao ban');
    expect(replySubject('Fwd: V/v họp giao ban')).toBe('Re: V/v họp giao ban');
  });

  it('are stable when applied again', () => {
    const once = replySubject('TL: Trả lời: Re[3]: Giấy mời họp');
    expect(replySubject(once)).toBe(once);
    const fwd = forwardSubject(once);
    expect(forwardSubject(fwd)).toBe(fwd);
  });

  it('handle empty subjects and NFD input', () => {
    expect(replySubject('')).toBe('Re:');
    expect(forwardSubject('   ')).toBe('Fwd:');
    expect(replySubject(nfd('Tờ trình số 12/TTr-SNV'))).toBe('Re: Tờ trình số 12/TTr-SNV'.normalize('NFC'));
  });
});

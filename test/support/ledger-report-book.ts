// A realistic book for the report tests, built through the core's fold from
// records as the service writes them: official documents of a provincial unit,
// assigned, claimed, done on time or late, filed, left open.
import { foldBook, type FoldItem } from '../../electron/services/ledger/ledger-fold.ts';
import type { LedgerDraft } from '../../electron/services/ledger/ledger-record.ts';
import { LEDGER_FORMAT, type LedgerBook, type LedgerRecord, type RegisterFields } from '../../shared/ledger.ts';

export const UNIT = 'vanthu@sonv.binhphuoc.gov.vn';
export const NGUYEN = 'nguyen.van.an@sonv.binhphuoc.gov.vn';
export const TRAN = 'tran.thi.binh@sonv.binhphuoc.gov.vn';

export const LONG_SUBJECT =
  'Về việc triển khai thực hiện Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác ' +
  'văn thư và Quyết định số 28/2018/QĐ-TTg về gửi, nhận văn bản điện tử giữa các cơ quan trong hệ thống hành chính ' +
  'nhà nước trên địa bàn tỉnh, bảo đảm đúng tiến độ, chất lượng và an toàn thông tin';

export class BookBuilder {
  private readonly items: FoldItem[] = [];
  private uid = 0;

  private add(draft: LedgerDraft, by: string, at: string): void {
    const record = {
      ...draft,
      format: LEDGER_FORMAT,
      seq: this.uid + 1,
      prev: '',
      prevRef: null,
      at,
      by: { email: by, certificateSha256: 'x' },
      mailbox: UNIT,
    } as LedgerRecord;
    this.items.push({ uid: ++this.uid, record });
  }

  register(id: string, fields: Partial<RegisterFields> & { ngayDen: string }): this {
    const f: RegisterFields = {
      tacGia: 'UBND tỉnh Bình Phước',
      soKyHieu: `${this.uid + 100}/UBND-VX`,
      ngayVanBan: fields.ngayDen,
      tenLoai: 'Công văn',
      trichYeu: 'Về việc báo cáo tình hình thực hiện nhiệm vụ',
      nguoiNhan: '',
      ghiChu: '',
      urgency: 'thuong',
      ...fields,
    };
    const draft = {
      type: 'register',
      messageId: id,
      message: { folder: 'INBOX', uid: this.uid + 1, uidValidity: 1, messageId: id },
      fields: f,
    } as LedgerDraft;
    this.add(draft, UNIT, `${fields.ngayDen}T01:30:00.000Z`);
    return this;
  }

  assign(id: string, to: string, deadline: string | null, at: string): this {
    const draft = { type: 'assign', messageId: id, to, coHandlers: [], instruction: 'Đề nghị xử lý', deadline };
    this.add(draft as LedgerDraft, UNIT, at);
    return this;
  }

  claim(id: string, by: string, at: string): this {
    this.add({ type: 'claim', messageId: id } as LedgerDraft, by, at);
    return this;
  }

  status(id: string, status: 'dang-xu-ly' | 'da-xu-ly' | 'luu', by: string, at: string): this {
    this.add({ type: 'status', messageId: id, status } as LedgerDraft, by, at);
    return this;
  }

  book(): LedgerBook {
    return foldBook(UNIT, this.items);
  }
}

/**
 * March 2026, seen on 20/03/2026 at 10:00 Vietnam time:
 * 1 on time (Nguyễn), 1 late by 3 days (Nguyễn), 1 overdue by 10 days (Trần), 1 done without a
 * deadline (claimed by Trần), 1 filed, 1 unassigned, 1 open within its deadline (Trần);
 * one February entry before the period; `extraApril` registered-only entries after it.
 */
export function marchBook(extraApril = 0): LedgerBook {
  const b = new BookBuilder()
    .register('<feb@ubnd>', { ngayDen: '2026-02-27', trichYeu: 'Văn bản tháng Hai' })
    .register('<a@ubnd>', {
      ngayDen: '2026-03-02',
      tacGia: 'Văn phòng Chính phủ',
      soKyHieu: '1234/VPCP-KGVX',
      ngayVanBan: '2026-02-27',
      trichYeu: LONG_SUBJECT,
      urgency: 'hoa-toc',
      ghiChu: 'Bản điện tử',
    })
    .assign('<a@ubnd>', NGUYEN, '2026-03-05', '2026-03-02T02:00:00.000Z')
    .status('<a@ubnd>', 'da-xu-ly', NGUYEN, '2026-03-04T08:00:00.000Z')
    .register('<b@ubnd>', { ngayDen: '2026-03-03', tenLoai: 'Quyết định', soKyHieu: '45/QĐ-UBND', urgency: 'khan' })
    .assign('<b@ubnd>', NGUYEN, '2026-03-06', '2026-03-03T02:00:00.000Z')
    .status('<b@ubnd>', 'da-xu-ly', NGUYEN, '2026-03-09T03:00:00.000Z')
    .register('<c@ubnd>', { ngayDen: '2026-03-04', tenLoai: 'Kế hoạch', soKyHieu: '12/KH-SNV', tacGia: 'Sở Nội vụ' })
    .assign('<c@ubnd>', TRAN, '2026-03-10', '2026-03-04T02:00:00.000Z')
    .register('<d@ubnd>', { ngayDen: '2026-03-05', tenLoai: 'Giấy mời', soKyHieu: '07/GM-STC', tacGia: 'Sở Tài chính' })
    .claim('<d@ubnd>', TRAN, '2026-03-05T03:00:00.000Z')
    .status('<d@ubnd>', 'da-xu-ly', TRAN, '2026-03-06T03:00:00.000Z')
    .register('<e@ubnd>', { ngayDen: '2026-03-09', tenLoai: 'Thông báo', soKyHieu: '88/TB-UBND' })
    .status('<e@ubnd>', 'luu', UNIT, '2026-03-09T04:00:00.000Z')
    .register('<f@ubnd>', {
      ngayDen: '2026-03-16',
      tenLoai: 'Chỉ thị',
      soKyHieu: '03/CT-UBND',
      ghiChu: "=cmd|' /C calc'!A0",
      nguoiNhan: 'Phòng Tổ chức – Biên chế',
    })
    .register('<g@ubnd>', { ngayDen: '2026-03-18', tenLoai: 'Báo cáo', soKyHieu: '156/BC-SYT', urgency: 'thuong-khan' })
    .assign('<g@ubnd>', TRAN, '2026-03-25', '2026-03-18T02:00:00.000Z');
  for (let i = 0; i < extraApril; i++) {
    const day = `2026-04-${String(1 + (i % 28)).padStart(2, '0')}`;
    b.register(`<apr${i}@ubnd>`, {
      ngayDen: day,
      tacGia: i % 2 ? 'Sở Kế hoạch và Đầu tư' : 'Ủy ban nhân dân huyện Đồng Phú',
      trichYeu: `${LONG_SUBJECT} (đợt ${i + 1})`,
    });
  }
  return b.book();
}

export const MARCH = { from: '2026-03-01', to: '2026-03-31' };
export const MARCH_APRIL = { from: '2026-03-01', to: '2026-04-30' };
/** 20/03/2026 10:00 in Vietnam. */
export const AS_OF = '2026-03-20T03:00:00.000Z';

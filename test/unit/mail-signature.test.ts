import { describe, expect, it } from 'vitest';
import { mailSignatureSchema, renderSignature } from '../../shared/mail-signature.ts';
import { SignatureStore } from '../../electron/services/send/signatures.ts';
import { SettingsRepository } from '../../electron/services/settings/settings-repository.ts';
import type { IdentityService } from '../../electron/services/identity/identity-service.ts';

const memoryStore = () => {
  const m = new Map<string, unknown>();
  return { get: (k: string) => m.get(k), set: (k: string, v: unknown) => void m.set(k, v) };
};

describe('signatures (chữ ký)', () => {
  it('renders the administrative style: name in bold, title, unit, phone; "-- " before the text form', () => {
    const sig = mailSignatureSchema.parse({
      name: 'Nguyễn Văn An',
      title: 'Chánh Văn phòng',
      unit: 'Văn phòng UBND tỉnh Bình Phước',
      phone: '0271 3879 123',
      extra: 'Số 1 đường Hùng Vương\n\n  ',
    });
    expect(renderSignature(sig)).toEqual({
      text: '-- \nNguyễn Văn An\nChánh Văn phòng\nVăn phòng UBND tỉnh Bình Phước\nĐT: 0271 3879 123\nSố 1 đường Hùng Vương',
      html: '<p data-signature="true"><strong>Nguyễn Văn An</strong><br>Chánh Văn phòng<br>Văn phòng UBND tỉnh Bình Phước<br>ĐT: 0271 3879 123<br>Số 1 đường Hùng Vương</p>',
    });
    expect(renderSignature(mailSignatureSchema.parse({}))).toBeNull();
    expect(renderSignature(mailSignatureSchema.parse({ name: '<b>x</b> & y' }))?.html).toContain(
      '&lt;b&gt;x&lt;/b&gt; &amp; y',
    );
    // NFD input (as some keyboards type it) comes out NFC.
    expect(renderSignature(mailSignatureSchema.parse({ name: 'Nguyễn'.normalize('NFD') }))?.text).toContain('Nguyễn');
  });

  it('stores one per sending address and suggests one from the identity when none is stored', async () => {
    const identity = {
      current: async () => ({
        info: { commonName: 'Trần Thị Bình', title: 'Phó Chánh Văn phòng', organization: 'UBND tỉnh' },
      }),
    } as unknown as IdentityService;
    const store = new SignatureStore(new SettingsRepository(memoryStore()), identity);
    expect(await store.get('vanphong@binhphuoc.gov.vn')).toEqual({
      signature: expect.objectContaining({ name: 'Trần Thị Bình', title: 'Phó Chánh Văn phòng', unit: 'UBND tỉnh' }),
      stored: false,
    });
    store.set('VanPhong@binhphuoc.gov.vn', mailSignatureSchema.parse({ name: 'Văn phòng UBND tỉnh', auto: false }));
    expect(await store.get('vanphong@binhphuoc.gov.vn')).toMatchObject({
      signature: { name: 'Văn phòng UBND tỉnh', auto: false },
      stored: true,
    });
    store.set('vanphong@binhphuoc.gov.vn', null);
    expect((await store.get('vanphong@binhphuoc.gov.vn')).stored).toBe(false);
  });
});

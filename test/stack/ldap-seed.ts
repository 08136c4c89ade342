// The province directory the LDAP test stack serves: units (Sở, Ban) with their mailboxes, officials
// with Vietnamese names, titles and units, groups ("Các sở, ban, ngành" with commas in its DN,
// a groupOfUniqueNames, a nesting loop), the user's own entry to bind as, and enough "Nguyễn"s to pass a size limit.
// Written as LDIF (RFC 2849): values that are not plain ASCII go base64 ("::"), as real exports do.
import { createHash, randomBytes } from 'node:crypto';

export const BASE_DN = 'dc=binhphuoc,dc=gov,dc=vn';
export const UNITS_DN = `ou=donvi,${BASE_DN}`;
export const PEOPLE_DN = `ou=canbo,${BASE_DN}`;
export const GROUPS_DN = `ou=nhom,${BASE_DN}`;

/** The user's own mailbox login, as the keychain holds it: bind 'user' finds this entry by mail. */
export const BIND_USER = {
  dn: `uid=vanphong,${PEOPLE_DN}`,
  login: 'vanphong@binhphuoc.gov.vn',
  password: 'ChiDao#2026!',
};

/** Extra "Nguyễn Hữu …" officials, more than a search with maxResults 10 may return. */
export const MANY_NGUYEN = 14;

type Attrs = Record<string, string | string[]>;
interface LdifEntry {
  dn: string;
  attrs: Attrs;
}

export const unitDn = (name: string): string => `ou=${name},${UNITS_DN}`;
export const personDn = (uid: string): string => `uid=${uid},${PEOPLE_DN}`;
export const COUNCIL_GROUP = 'Các sở, ban, ngành';
export const COUNCIL_DN = `cn=Các sở\\, ban\\, ngành,${GROUPS_DN}`;
export const LEADERS_GROUP = 'Lãnh đạo các sở';
export const LEADERS_DN = `cn=${LEADERS_GROUP},${GROUPS_DN}`;

const UNITS: Array<[name: string, mail: string, phone: string]> = [
  ['Sở Nội vụ', 'snv@binhphuoc.gov.vn', '0271 3879 123'],
  ['Sở Tài chính', 'stc@binhphuoc.gov.vn', '0271 3879 456'],
  ['Sở Giáo dục và Đào tạo', 'sgddt@binhphuoc.gov.vn', '0271 3870 111'],
  ['Ban Dân tộc', 'bdt@binhphuoc.gov.vn', '0271 3880 222'],
  ['Văn phòng UBND tỉnh', 'vpubnd@binhphuoc.gov.vn', '0271 3879 000'],
];

// uid, cn, sn, givenName, mail (or null), title, unit
const PEOPLE: Array<[string, string, string, string, string | null, string, string]> = [
  ['nvan', 'Nguyễn Văn An', 'Nguyễn', 'An', 'nvan@binhphuoc.gov.vn', 'Giám đốc', 'Sở Nội vụ'],
  ['nvanh', 'Nguyễn Văn Anh', 'Nguyễn', 'Anh', 'nvanh@binhphuoc.gov.vn', 'Chuyên viên', 'Sở Tài chính'],
  ['ttbinh', 'Trần Thị Bình', 'Trần', 'Bình', 'ttbinh@binhphuoc.gov.vn', 'Phó Giám đốc', 'Sở Tài chính'],
  ['lvcuong', 'Lê Văn Cường', 'Lê', 'Cường', 'lvcuong@binhphuoc.gov.vn', 'Chuyên viên', 'Sở Nội vụ'],
  ['nthoa', 'Nguyễn Thị Hoa', 'Nguyễn', 'Hoa', 'nthoa@binhphuoc.gov.vn', 'Trưởng phòng', 'Sở Giáo dục và Đào tạo'],
  ['hmnam', 'Hoàng Minh Nam', 'Hoàng', 'Nam', 'hmnam@binhphuoc.gov.vn', 'Chánh Văn phòng', 'Văn phòng UBND tỉnh'],
  ['dqdung', 'Đặng Quốc Dũng', 'Đặng', 'Dũng', 'dqdung@binhphuoc.gov.vn', 'Trưởng ban', 'Ban Dân tộc'],
  ['pthuong', 'Phạm Thu Hương', 'Phạm', 'Hương', null, 'Phó Trưởng ban', 'Ban Dân tộc'],
  ['vanphong', 'Văn phòng UBND tỉnh (hộp thư đơn vị)', 'Văn phòng', 'UBND', BIND_USER.login, '', 'Văn phòng UBND tỉnh'],
];

/** RFC 2849 SAFE-STRING: printable ASCII, not starting with space, ':' or '<', not ending with space. */
const safe = (v: string): boolean => /^[\x21-\x39\x3b\x3d-\x7e][\x20-\x7e]*$/.test(v) && !v.endsWith(' ');

function line(attr: string, value: string): string {
  return safe(value) ? `${attr}: ${value}` : `${attr}:: ${Buffer.from(value, 'utf8').toString('base64')}`;
}

export function toLdif(entries: LdifEntry[]): string {
  return entries
    .map(({ dn, attrs }) => {
      const lines = [line('dn', dn)];
      for (const [attr, v] of Object.entries(attrs)) for (const value of [v].flat()) lines.push(line(attr, value));
      return `${lines.join('\n')}\n`;
    })
    .join('\n');
}

/** {SSHA}: base64(sha1(password ‖ salt) ‖ salt), what slapd checks simple binds against. */
export function ssha(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password, 'utf8').update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

function people(): LdifEntry[] {
  const list = PEOPLE.map(([uid, cn, sn, givenName, mail, title, unit]) => {
    const attrs: Attrs = { objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'], uid, cn, sn };
    attrs.givenName = givenName;
    if (mail) attrs.mail = mail;
    if (title) attrs.title = title;
    attrs.ou = unit;
    attrs.o = 'UBND tỉnh Bình Phước';
    attrs.telephoneNumber = `0912 000 ${uid.length.toString().padStart(3, '0')}`;
    if (uid === 'vanphong') attrs.userPassword = ssha(BIND_USER.password);
    return { dn: personDn(uid), attrs };
  });
  for (let i = 1; i <= MANY_NGUYEN; i++) {
    const n = String(i).padStart(2, '0');
    list.push({
      dn: personDn(`nhtam${n}`),
      attrs: {
        objectClass: ['inetOrgPerson'],
        uid: `nhtam${n}`,
        cn: `Nguyễn Hữu Tâm ${n}`,
        sn: 'Nguyễn',
        mail: `nhtam${n}@binhphuoc.gov.vn`,
        title: 'Chuyên viên',
        ou: 'Sở Nội vụ',
      },
    });
  }
  return list;
}

function groups(): LdifEntry[] {
  const council = UNITS.slice(0, 4).map(([name]) => unitDn(name));
  return [
    { dn: GROUPS_DN, attrs: { objectClass: 'organizationalUnit', ou: 'nhom' } },
    {
      dn: COUNCIL_DN,
      attrs: {
        objectClass: 'groupOfNames',
        cn: COUNCIL_GROUP,
        description: 'Các cơ quan chuyên môn thuộc UBND tỉnh',
        // The last one was dissolved but not removed from the group: it must be reported, not fatal.
        member: [...council, unitDn('Sở Đã Giải Thể')],
      },
    },
    {
      dn: LEADERS_DN,
      attrs: {
        objectClass: 'groupOfUniqueNames',
        cn: LEADERS_GROUP,
        uniqueMember: [personDn('nvan'), `${personDn('ttbinh')}#'0101'B`, personDn('nthoa'), personDn('pthuong')],
      },
    },
    {
      dn: `cn=Tổ công tác A,${GROUPS_DN}`,
      attrs: {
        objectClass: 'groupOfNames',
        cn: 'Tổ công tác A',
        member: [`cn=Tổ công tác B,${GROUPS_DN}`, personDn('lvcuong')],
      },
    },
    {
      dn: `cn=Tổ công tác B,${GROUPS_DN}`,
      attrs: {
        objectClass: 'groupOfNames',
        cn: 'Tổ công tác B',
        member: [`cn=Tổ công tác A,${GROUPS_DN}`, personDn('hmnam')],
      },
    },
  ];
}

/** The whole directory, base entry first. */
export function seedLdif(): string {
  const units: LdifEntry[] = UNITS.map(([name, mail, phone]) => ({
    dn: unitDn(name),
    // organizationalUnit has no mail attribute; extensibleObject is how OpenLDAP sites add one.
    attrs: { objectClass: ['organizationalUnit', 'extensibleObject'], ou: name, mail, telephoneNumber: phone },
  }));
  return toLdif([
    {
      dn: BASE_DN,
      attrs: { objectClass: ['dcObject', 'organization'], dc: 'binhphuoc', o: 'UBND tỉnh Bình Phước' },
    },
    { dn: UNITS_DN, attrs: { objectClass: 'organizationalUnit', ou: 'donvi', description: 'Các đơn vị' } },
    ...units,
    { dn: PEOPLE_DN, attrs: { objectClass: 'organizationalUnit', ou: 'canbo', description: 'Cán bộ, công chức' } },
    ...people(),
    ...groups(),
  ]);
}

// Which attachments may be dangerous to save and open. DOM-free on purpose:
// the Node tests import it directly.
//
// Looks at what Windows would act on (the real, last extension after the
// trailing dots and spaces it strips), names padded or doubled to hide it
// ("cong-van.pdf.exe", "cong-van.pdf      .exe"), characters that reorder or
// hide text ("cong-van\u202Efdp.exe" shows as "cong-vanexe.pdf"), and a
// declared content type that says "program" or contradicts the extension.

export type RiskReason =
  | 'executable'
  | 'script'
  | 'macro'
  | 'disk-image'
  | 'shortcut'
  | 'system'
  | 'web'
  | 'double-extension'
  | 'hidden-characters'
  | 'executable-type'
  | 'type-mismatch';

export interface AttachmentRisk {
  risky: boolean;
  /** The extension the operating system acts on, lower case without the dot ('' if none). */
  extension: string;
  /** The extension itself is what makes the file risky (not only its type or name). */
  extensionRisky: boolean;
  /** The harmless-looking extension in front of it, for "cong-van.pdf.exe" ('pdf'). */
  decoyExtension: string | null;
  /** The declared content type, lower case, parameters dropped. */
  contentType: string;
  reasons: RiskReason[];
  /** The name with hidden and reordering characters made visible (⟦U+202E⟧). */
  shownName: string;
  /** An archive (zip, rar, 7z, tar, gz…): may contain programs ("có thể chứa chương trình"). */
  archive: boolean;
}

// prettier-ignore
const GROUPS: Array<[RiskReason, string[]]> = [
  ['executable', ['exe', 'com', 'scr', 'pif', 'cpl', 'dll', 'ocx', 'sys', 'drv', 'msi', 'msp', 'mst', 'appx', 'appxbundle',
    'msix', 'msixbundle', 'appinstaller', 'application', 'appref-ms', 'vsto', 'gadget', 'cab', 'msu', 'jar', 'elf', 'run',
    'apk', 'app', 'dmg', 'pkg', 'deb', 'rpm']],
  ['script', ['js', 'jse', 'mjs', 'vbs', 'vbe', 'vb', 'wsf', 'wsh', 'wsc', 'sct', 'ps1', 'ps1xml', 'ps2', 'ps2xml', 'psc1',
    'psc2', 'psm1', 'psd1', 'bat', 'cmd', 'hta', 'msh', 'msh1', 'msh2', 'mshxml', 'sh', 'bash', 'command', 'py', 'pyw', 'pl',
    'jnlp', 'au3', 'ahk', 'xll', 'chm', 'bas', 'scpt', 'scptd', 'applescript', 'workflow']],
  ['macro', ['docm', 'dotm', 'xlsm', 'xltm', 'xlsb', 'xla', 'xlam', 'xlm', 'pptm', 'potm', 'ppsm', 'ppam', 'sldm', 'accde',
    'mdb', 'accdb', 'mde', 'ade', 'adp', 'mda', 'one', 'onepkg', 'iqy', 'slk']],
  ['disk-image', ['iso', 'img', 'vhd', 'vhdx', 'udf']],
  ['shortcut', ['lnk', 'url', 'scf', 'website', 'settingcontent-ms', 'library-ms', 'searchconnector-ms', 'search-ms', 'rdp',
    'desktop', 'webloc', 'inetloc']],
  ['system', ['reg', 'inf', 'msc', 'diagcab', 'ins', 'isp', 'theme', 'themepack', 'xbap']],
  // Open in a browser, where they can run script or fake a login page. (Plain .xml is left
  // alone: Vietnamese e-document exchange sends it routinely.)
  ['web', ['html', 'htm', 'shtml', 'xhtml', 'xht', 'mht', 'mhtml', 'svg', 'svgz']],
];

/**
 * Archives are not risky in themselves (units send .zip and .rar every day) but may contain
 * programs that the archive tool would hand to the OS: they get a note, not a confirmation.
 */
// prettier-ignore
const ARCHIVES = new Set(['zip', 'zipx', 'rar', '7z', 'tar', 'gz', 'tgz', 'bz2', 'tbz', 'tbz2', 'xz', 'txz', 'zst', 'lz',
  'lzma', 'lzh', 'lha', 'arj', 'ace', 'z', 'cpio', 'war', 'ear']);

const RISKY = new Map<string, RiskReason>();
for (const [reason, extensions] of GROUPS) {
  for (const ext of extensions) if (!RISKY.has(ext)) RISKY.set(ext, reason);
}

/** Declared types that mean "program", "script", "macro document" or "disk image" whatever the name says. */
const EXECUTABLE_TYPES = new Set([
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-dosexec',
  'application/x-executable',
  'application/x-exe',
  'application/exe',
  'application/x-winexe',
  'application/vnd.microsoft.portable-executable',
  'application/x-ms-installer',
  'application/x-msi',
  'application/x-ole-storage',
  'application/x-ms-shortcut',
  'application/x-ms-application',
  'application/x-bat',
  'application/x-sh',
  'application/x-csh',
  'application/x-shellscript',
  'application/x-powershell',
  'application/javascript',
  'application/x-javascript',
  'application/ecmascript',
  'text/javascript',
  'text/ecmascript',
  'text/jscript',
  'text/vbscript',
  'text/vbs',
  'application/x-vbscript',
  'application/hta',
  'text/x-scriptlet',
  'application/java-archive',
  'application/x-java-archive',
  'application/x-java-jnlp-file',
  'application/x-iso9660-image',
  'application/x-cd-image',
  'application/x-raw-disk-image',
  'application/x-virtualbox-vhd',
  'application/x-apple-diskimage',
  'application/vnd.android.package-archive',
]);

/** Declared types that say nothing ("some bytes"): no mismatch can be told from them. */
const GENERIC_TYPES = new Set([
  '',
  'application/octet-stream',
  'application/unknown',
  'application/x-unknown',
  'application/binary',
  'binary/octet-stream',
  'application/download',
  'application/x-download',
  'application/force-download',
  'application/x-msdownload-unknown',
]);

const OFFICE_TYPE =
  /^application\/(?:msword|vnd\.ms-(?:word|excel|powerpoint|office)[^;]*|vnd\.openxmlformats-officedocument\.[^;]+|vnd\.oasis\.opendocument\.[^;]+|zip|x-zip|x-zip-compressed|rtf|x-rtf|wps-office\.[^;]+)$/;

/** Extensions whose declared type can be checked, with the types that fit them. */
const EXPECTED_TYPES: Record<string, (type: string) => boolean> = {
  pdf: (t) => /^(?:application\/(?:pdf|x-pdf|acrobat|vnd\.pdf)|text\/pdf)$/.test(t),
  doc: (t) => OFFICE_TYPE.test(t) && !/macroenabled/.test(t),
  docx: (t) => OFFICE_TYPE.test(t) && !/macroenabled/.test(t),
  xls: (t) => OFFICE_TYPE.test(t) && !/macroenabled/.test(t),
  xlsx: (t) => OFFICE_TYPE.test(t) && !/macroenabled/.test(t),
  ppt: (t) => OFFICE_TYPE.test(t) && !/macroenabled/.test(t),
  pptx: (t) => OFFICE_TYPE.test(t) && !/macroenabled/.test(t),
  odt: (t) => OFFICE_TYPE.test(t),
  ods: (t) => OFFICE_TYPE.test(t),
  odp: (t) => OFFICE_TYPE.test(t),
  rtf: (t) => /^(?:application\/(?:rtf|x-rtf|msword)|text\/(?:rtf|richtext))$/.test(t),
  txt: (t) => t === 'text/plain',
  csv: (t) => /^(?:text\/(?:csv|plain|comma-separated-values|x-csv)|application\/(?:csv|vnd\.ms-excel))$/.test(t),
  jpg: isRasterImageType,
  jpeg: isRasterImageType,
  png: isRasterImageType,
  gif: isRasterImageType,
  bmp: isRasterImageType,
  tif: isRasterImageType,
  tiff: isRasterImageType,
  webp: isRasterImageType,
  zip: (t) => /^application\/(?:zip|x-zip|x-zip-compressed|x-compressed|x-compress)$/.test(t),
  rar: (t) => /^application\/(?:vnd\.rar|x-rar|x-rar-compressed|x-compressed)$/.test(t),
  '7z': (t) => /^application\/(?:x-7z-compressed|x-compressed)$/.test(t),
  mp3: (t) => t.startsWith('audio/'),
  mp4: (t) => t.startsWith('video/') || t.startsWith('audio/'),
};

function isRasterImageType(type: string): boolean {
  return type.startsWith('image/') && !type.includes('svg');
}

/** Characters that reorder or hide text: bidi controls, zero-width and other format characters, C0/C1 controls. */
function isHiddenCharacter(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0xad ||
    code === 0x061c ||
    code === 0x180e ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x206f) ||
    code === 0xfeff ||
    (code >= 0xfff9 && code <= 0xfffb)
  );
}

function hex(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

/** The name with every hidden or reordering character shown as ⟦U+XXXX⟧. */
export function visibleFileName(name: string): string {
  let out = '';
  for (const char of name) {
    const code = char.codePointAt(0) ?? 0;
    out += isHiddenCharacter(code) ? `⟦U+${hex(code)}⟧` : char;
  }
  return out;
}

function contentTypeOf(raw: string): string {
  return (raw.split(';')[0] ?? '').trim().toLowerCase();
}

/** Classifies one attachment by its file name and declared content type. */
export function classifyAttachment(filename: string, contentType: string): AttachmentRisk {
  const type = contentTypeOf(contentType);
  const reasons = new Set<RiskReason>();
  const hidden = [...filename].some((c) => isHiddenCharacter(c.codePointAt(0) ?? 0));
  if (hidden) reasons.add('hidden-characters');

  // What the OS sees: hidden characters are part of the name but not of what
  // the reader can see; Windows drops trailing dots and spaces.
  const plain = [...filename].filter((c) => !isHiddenCharacter(c.codePointAt(0) ?? 0)).join('');
  const name = (plain.split(/[\\/]/).pop() ?? '').replace(/[. ]+$/, '');
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 || (dot === 0 && name.length > 1) ? name.slice(dot + 1).toLowerCase() : '';
  const stem = dot >= 0 ? name.slice(0, dot) : name;

  const group = RISKY.get(extension);
  if (group) reasons.add(group);

  // "cong-van.pdf.exe" or "cong-van.pdf      .exe": a harmless-looking extension in front of a risky one.
  let decoyExtension: string | null = null;
  const inner = /\.([a-z0-9]{1,5})[\s_.-]*$/i.exec(stem);
  if (group && inner?.[1]) {
    const candidate = inner[1].toLowerCase();
    if (EXPECTED_TYPES[candidate] || /\s{3,}$/.test(stem)) {
      decoyExtension = candidate;
      reasons.add('double-extension');
    }
  } else if (group && /\s{3,}$/.test(stem)) {
    reasons.add('double-extension');
  }

  if (EXECUTABLE_TYPES.has(type) || /macroenabled/.test(type)) reasons.add('executable-type');
  const expected = EXPECTED_TYPES[extension];
  if (expected && !GENERIC_TYPES.has(type) && !expected(type)) reasons.add('type-mismatch');

  return {
    risky: reasons.size > 0,
    extension,
    extensionRisky: group !== undefined,
    decoyExtension,
    contentType: type,
    reasons: [...reasons],
    shownName: visibleFileName(filename),
    archive: ARCHIVES.has(extension) || /\.tar\.[a-z0-9]+$/i.test(name),
  };
}

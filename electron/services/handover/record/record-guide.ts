// HUONG-DAN-KIEM-TRA.txt: how an IT officer checks a handover bag with stock tools only
// (coreutils and openssl on Linux, Git Bash or WSL on Windows, PowerShell 7), without
// trusting this application. The record's own values are written into the text so each
// check can be compared against the printed record.
//
// Format contract (the unit test runs the commands of steps 1–4 from the text itself):
// a step starts with "BƯỚC <n>." at the start of a line; a bash command is a line whose
// first non-blank characters are "$ " and runs verbatim from the bag's root directory;
// PowerShell lines start with "PS> " and cmd lines with "C:\> ". Lines end with LF.
import { formatBytesExact, formatInteger, formatVnDateTime, nfc } from './record-text.ts';
import type { HandoverRecord } from './record-types.ts';

export const GUIDE_FILE_NAME = 'HUONG-DAN-KIEM-TRA.txt';

/** Where step 4 writes the signer's certificate: beside the bag, so the bag itself gets no stray file. */
const SIGNER_PEM = '../chung-thu-ben-giao.pem';

export function verificationGuide(record: HandoverRecord, opts: { bagName: string }): string {
  const bag = opts.bagName;
  const out = record.outgoing;
  const inc = record.incoming;
  const messages = Math.trunc(record.totals.messages);
  // Values pasted into commands keep only the characters they can legitimately have.
  const credentialSha = record.credential.sha256.toLowerCase().replace(/[^0-9a-f]/g, '');
  const outgoingFp = out.certificateSha256.toUpperCase().replace(/[^0-9A-F:]/g, '');
  const title = 'HƯỚNG DẪN KIỂM TRA GÓI BÀN GIAO HỘP THƯ ĐIỆN TỬ CÔNG VỤ';

  const lines: string[] = [
    title,
    '='.repeat(title.length),
    '',
    `Gói bàn giao:      ${bag}`,
    `Hộp thư:           ${record.mailbox}`,
    `Đơn vị:            ${record.unit}`,
    `Lập lúc:           ${formatVnDateTime(record.createdAt)} (giờ Việt Nam, UTC+7)`,
    `Bên giao:          ${out.name}, ${out.title} (${out.email})`,
    `  chứng thư số:    ${out.certificateSha256}`,
    `Bên nhận:          ${inc.name}, ${inc.title} (${inc.email})`,
    `  chứng thư số:    ${inc.certificateSha256}`,
    `Người chứng kiến:  ${record.witness ? record.witness.name : 'không có'}`,
    `Dữ liệu:           ${formatInteger(record.totals.folders)} thư mục, ${formatInteger(messages)} thư, ` +
      formatBytesExact(record.totals.bytes),
    '',
    'Đọc tệp này: tệp mã hóa UTF-8, xuống dòng kiểu LF (Unix). Trên Windows 10 (bản 1903 trở lên) và',
    'Windows 11, Notepad mở đúng; trên Windows cũ hơn, mở bằng Notepad++, VS Code hoặc kéo thả tệp vào',
    'trình duyệt web. Trên Linux: less, cat hoặc bất kỳ trình soạn thảo nào.',
    '',
    'Các bước dưới đây chỉ dùng công cụ có sẵn, KHÔNG cần phần mềm Hộp thư đơn vị:',
    '- Linux: sha256sum, sha512sum, find, sort, diff, cut, openssl (gói coreutils, findutils, diffutils,',
    '  openssl);',
    '- Windows: Git Bash (cài kèm Git for Windows, có đủ các lệnh trên và openssl) hoặc WSL: chạy đúng các',
    '  lệnh "$"; PowerShell 7: các lệnh "PS>"; dấu nhắc lệnh cmd: các lệnh "C:\\>".',
    '',
    'Quy ước: dòng bắt đầu bằng "$ " là lệnh bash, gõ phần sau "$ "; dòng "PS> " là lệnh PowerShell 7.',
    'Mọi lệnh chạy tại thư mục gốc của gói (thư mục chứa bagit.txt). Lệnh đạt thì in ra dòng "OK: ..."',
    'hoặc "Verification successful"; lệnh báo lỗi hoặc không in ra dòng đó nghĩa là gói KHÔNG đạt ở bước',
    'đó: dừng lại, ghi lại thông báo lỗi và báo cho Trung tâm Công nghệ thông tin.',
    '',
    '',
    'BƯỚC 0. Mở gói',
    '',
    '  Nếu nhận được một tệp .tar, giải nén rồi vào thư mục gói (Windows 10 trở lên có sẵn tar.exe):',
    '',
    `    $ tar -xf ${shQuote(`${bag}.tar`)}`,
    `    $ cd ${shQuote(bag)}`,
    `    PS> tar -xf ${psQuote(`${bag}.tar`)}; Set-Location ${psQuote(bag)}`,
    '',
    '',
    'BƯỚC 1. Mã băm của từng tệp dữ liệu (manifest)',
    '',
    '  Mỗi tệp trong data/ được ghi mã SHA-256 và SHA-512 trong manifest-sha256.txt, manifest-sha512.txt.',
    '  Hai lệnh sau tính lại và so sánh; tệp nào sai sẽ được nêu tên kèm chữ "FAILED".',
    '',
    '    $ sha256sum -c --quiet manifest-sha256.txt && echo "OK: manifest-sha256.txt"',
    '    $ sha512sum -c --quiet manifest-sha512.txt && echo "OK: manifest-sha512.txt"',
    '',
    '  PowerShell 7 (in ra "SAI: <tệp>" cho mỗi tệp sai):',
    '',
    "    PS> $sai = 0; Get-Content manifest-sha256.txt | ForEach-Object { $h, $p = $_ -split '  ', 2; if ((Get-FileHash -Algorithm SHA256 -LiteralPath $p).Hash -ne $h) { \"SAI: $p\"; $sai++ } }; if ($sai -eq 0) { 'OK: manifest-sha256.txt' }",
    '',
    '  Kiểm tra riêng một tệp trong cmd (so với dòng của tệp đó trong manifest-sha256.txt):',
    '',
    '    C:\\> certutil -hashfile data\\index\\folders.json SHA256',
    '',
    '',
    'BƯỚC 2. Không thiếu, không thừa tệp',
    '',
    '  sha256sum không phát hiện tệp bị thêm vào. Lệnh sau so danh sách tệp thực có trong data/ với danh',
    '  sách trong manifest; dòng "<" là tệp thừa (không có trong manifest), dòng ">" là tệp bị thiếu.',
    '',
    '    $ diff <(find data -type f | LC_ALL=C sort) <(cut -d\' \' -f3- manifest-sha256.txt | LC_ALL=C sort) && echo "OK: không thiếu, không thừa tệp"',
    '',
    '  PowerShell 7:',
    '',
    "    PS> $ds = Get-Content manifest-sha256.txt | ForEach-Object { ($_ -split '  ', 2)[1] }",
    "    PS> $co = Get-ChildItem data -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($PWD.Path, $_.FullName).Replace('\\', '/') }",
    "    PS> $khac = Compare-Object ($ds | Sort-Object) ($co | Sort-Object); if ($khac) { $khac } else { 'OK: không thiếu, không thừa tệp' }",
    '',
    '',
    'BƯỚC 3. Các tệp mô tả gói (tagmanifest)',
    '',
    '  tagmanifest-sha256.txt ghi mã băm của bagit.txt, bag-info.txt, các manifest và các tệp mô tả khác,',
    '  nên một chữ ký trên nó bảo đảm cho toàn bộ gói.',
    '',
    '    $ sha256sum -c --quiet tagmanifest-sha256.txt && echo "OK: tagmanifest-sha256.txt"',
    '    $ sha256sum tagmanifest-sha256.txt',
    '',
    '  Mã in ra ở lệnh thứ hai phải trùng với "Mã SHA-256 của tệp tagmanifest-sha256.txt" ở mục V của',
    '  biên bản (seal/bien-ban.pdf).',
    '',
    '',
    'BƯỚC 4. Chữ ký số của bên giao',
    '',
    '  a) Lấy chứng thư số của người ký ra khỏi chữ ký (ghi ra thư mục chứa gói, không ghi vào gói) và',
    '     xem dấu vân tay SHA-256 của nó:',
    '',
    `    $ openssl pkcs7 -inform DER -in seal/tagmanifest-sha256.txt.p7s -print_certs -out ${SIGNER_PEM}`,
    `    $ openssl x509 -in ${SIGNER_PEM} -noout -subject -nameopt utf8 -fingerprint -sha256`,
    '',
    '     Dấu vân tay phải đúng là dấu vân tay chứng thư số của bên giao in trong biên bản:',
    `       ${out.certificateSha256}`,
    '     QUAN TRỌNG: ai cũng có thể tự tạo chứng thư mang tên bên giao và in dấu vân tay đó vào một biên',
    '     bản giả. Chữ ký chỉ được xác thực khi dấu vân tay khớp với dấu vân tay bạn nhận từ bên giao qua',
    '     một kênh khác (trực tiếp, điện thoại, văn bản giấy đã ký), hoặc khi chứng thư do CA tin cậy cấp.',
    '     Ứng dụng: unit-mailbox handover verify GÓI --expect-signer <dấu vân tay nhận qua kênh khác>',
    '     (không có --ca hay --expect-signer, lệnh báo "người ký CHƯA được xác thực" và thoát mã 3).',
    '     Lệnh sau so tự động',
    '     (chứng thư do CA cấp có thể kèm cả chuỗi chứng thư CA; chứng thư của bên giao đứng đầu tệp):',
    '',
    `    $ openssl x509 -in ${SIGNER_PEM} -noout -fingerprint -sha256 | grep -qi "=${outgoingFp}$" && echo "OK: dấu vân tay chứng thư khớp với biên bản"`,
    '',
    '  b) Kiểm tra chữ ký trên tagmanifest-sha256.txt và chữ ký trên biên bản PDF. Với chứng thư tự cấp',
    '     (do phần mềm tạo), chính chứng thư vừa đối chiếu dấu vân tay được dùng làm gốc tin cậy:',
    '',
    `    $ openssl cms -verify -binary -inform DER -in seal/tagmanifest-sha256.txt.p7s -content tagmanifest-sha256.txt -CAfile ${SIGNER_PEM} -out /dev/null`,
    `    $ openssl cms -verify -binary -inform DER -in seal/bien-ban.pdf.p7s -content seal/bien-ban.pdf -CAfile ${SIGNER_PEM} -out /dev/null`,
    '',
    '     Mỗi lệnh đạt in ra "CMS Verification successful"; "Verification failure" nghĩa là tệp đã bị sửa',
    '     sau khi ký hoặc chữ ký không phải của chứng thư này.',
    '     Nếu chứng thư của bên giao do tổ chức cung cấp dịch vụ chứng thực (CA) cấp, thay',
    `     ${SIGNER_PEM} ở tham số -CAfile bằng tệp chứng thư CA của đơn vị (ví dụ ca-don-vi.pem).`,
    '     Trong PowerShell, thay /dev/null bằng NUL.',
    '',
    '',
    'BƯỚC 5. Mật khẩu được niêm phong (chỉ bên nhận mở được)',
    '',
    '  Mã SHA-256 của handover/credential.p7m phải trùng với mục IV của biên bản:',
    '',
    `    $ echo "${credentialSha}  handover/credential.p7m" | sha256sum -c --quiet - && echo "OK: handover/credential.p7m đúng như biên bản"`,
    '',
    `  Tệp được mã hóa (CMS, AES-256) cho chứng thư số của bên nhận, ${inc.name}, có dấu vân tay`,
    `    ${record.credential.recipientCertificateSha256}`,
    '  Chỉ người giữ khóa bí mật tương ứng mở được. Nội dung in ra gồm cấu hình máy chủ và MẬT KHẨU: không',
    '  lưu ra tệp, không chụp màn hình, không gửi qua thư.',
    '',
    '  Khóa và chứng thư ở dạng tệp PEM (đặt cạnh thư mục gói):',
    '',
    '    $ openssl cms -decrypt -inform DER -in handover/credential.p7m -recip ../chung-thu-ben-nhan.pem -inkey ../khoa-ben-nhan.pem',
    '',
    '  Khóa trong tệp .p12/.pfx (openssl hỏi mật khẩu của tệp):',
    '',
    '    $ openssl cms -decrypt -inform DER -in handover/credential.p7m -inkey ../ca-nhan.p12 -keyform P12',
    '',
    '  Windows, PowerShell 7 (chứng thư và khóa đã nhập vào kho chứng thư của người dùng):',
    '',
    '    PS> Import-PfxCertificate -FilePath ..\\ca-nhan.pfx -CertStoreLocation Cert:\\CurrentUser\\My -Password (Read-Host -AsSecureString "Mật khẩu tệp .pfx")',
    "    PS> $b64 = [Convert]::ToBase64String([IO.File]::ReadAllBytes((Resolve-Path 'handover/credential.p7m')), 'InsertLineBreaks')",
    '    PS> Unprotect-CmsMessage -Content "-----BEGIN CMS-----`n$b64`n-----END CMS-----"',
    '',
    '  Khóa do phần mềm Hộp thư đơn vị tạo được giữ trong kho khóa của hệ điều hành, không nằm trong tệp:',
    '  khi đó bên nhận mở niêm phong bằng lệnh "unit-mailbox handover accept" của phần mềm.',
    '',
    '  Ngay sau khi tiếp nhận, đề nghị Trung tâm Công nghệ thông tin ĐẶT LẠI MẬT KHẨU hộp thư',
    `  ${record.mailbox}; mật khẩu đã bàn giao không được tiếp tục sử dụng.`,
    '',
    '',
    'BƯỚC 6. Payload-Oxum và các con số của biên bản',
    '',
    '  Payload-Oxum trong bag-info.txt có dạng <tổng số byte>.<số tệp> của toàn bộ thư mục data/: một phép',
    '  kiểm tra nhanh trước khi tính mã băm. Giá trị phải trùng với mục V của biên bản và với số đếm lại:',
    '',
    "    $ grep '^Payload-Oxum:' bag-info.txt",
    "    $ test \"$(grep '^Payload-Oxum:' bag-info.txt | tr -d '\\r')\" = \"Payload-Oxum: $(find data -type f -printf '%s\\n' | awk '{s+=$1} END {printf \"%.0f\", s}').$(find data -type f | wc -l | tr -d ' ')\" && echo \"OK: Payload-Oxum khớp với dữ liệu\"",
    '',
    `  Số thư (mỗi thư là một tệp .eml trong data/eml/) phải là ${formatInteger(messages)}:`,
    '',
    `    $ test "$(find data -path 'data/eml/*' -type f -name '*.eml' | wc -l | tr -d ' ')" = "${messages}" && echo "OK: đủ ${messages} thư"`,
    '',
    `  Hộp thư ${record.mailbox} có ${formatInteger(record.totals.folders)} thư mục; số thư và dung lượng`,
    '  từng thư mục có trong biên bản (mục II) và trong data/index/folders.json; danh mục từng thư trong',
    '  data/index/.',
    '',
    '',
    'Kết luận: gói đạt khi mọi lệnh ở các bước 1 đến 4 và 6 in ra "OK" hoặc "Verification successful",',
    'và các dấu vân tay trùng với biên bản đã ký.',
    '',
  ];
  return nfc(lines.join('\n'));
}

/**
 * The bash commands of each step ("BƯỚC n."), exactly as printed, in order. For tests that
 * run the guide on a real bag; see the format contract at the top of this file.
 */
export function guideBashCommands(guide: string): Map<number, string[]> {
  const steps = new Map<number, string[]>();
  let current: string[] | null = null;
  for (const line of guide.split('\n')) {
    const heading = /^BƯỚC (\d+)\./.exec(line);
    if (heading) {
      current = [];
      steps.set(Number(heading[1]), current);
      continue;
    }
    const command = /^\s+\$ (.+)$/.exec(line);
    if (command?.[1] && current) current.push(command[1]);
  }
  return steps;
}

/** A POSIX shell word in single quotes. */
function shQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A PowerShell verbatim string. */
function psQuote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

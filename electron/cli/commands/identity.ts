// `unit-mailbox identity …`: create, import, show and export the signing identity.
import { readFile, writeFile } from 'node:fs/promises';
import { AppError } from '../../services/errors/app-error.ts';
import type { IdentitySummary } from '../../services/identity/identity-service.ts';
import { promptPassword, readPasswordFromStdin } from '../password-input.ts';
import { UsageError } from '../usage.ts';
import { required, type CommandGroup, type Output } from '../args.ts';

export const identityCommands: CommandGroup = async (sub, args, v, s, io) => {
  const identity = s.identity;
  const maxArgs = sub === 'import-p12' ? 1 : 0;
  if (args.length > maxArgs) throw new UsageError(`unexpected argument: ${args[maxArgs]}`);
  switch (sub) {
    case 'create': {
      const summary = await identity.create({
        name: required(v.name, '--name'),
        title: required(v.title, '--title'),
        unit: required(v.unit, '--unit'),
        email: required(v.email, '--email'),
      });
      return shown(summary, 'Đã tạo danh tính ký số / signing identity created');
    }
    case 'import-p12': {
      const file = args[0];
      if (!file) throw new UsageError('identity import-p12 needs the .p12/.pfx FILE');
      const bytes = await readFile(file).catch((e: unknown) => {
        throw new AppError('FILE_ERROR', `cannot read ${file}: ${(e as Error).message}`);
      });
      const password = v['password-stdin']
        ? await readPasswordFromStdin(io.stdin)
        : await promptPassword(io.stdin as NodeJS.ReadStream, io.stderr, 'Mật khẩu tệp .p12 / .p12 password: ');
      const summary = await identity.importP12(new Uint8Array(bytes), password);
      return shown(summary, 'Đã nhập chứng thư số / certificate imported');
    }
    case 'show': {
      const summary = await identity.current();
      if (!summary) throw new AppError('IDENTITY_MISSING', 'no signing identity has been created or imported');
      return shown(summary, 'Danh tính ký số / signing identity');
    }
    case 'export-cert': {
      const out = required(v.out, '--out');
      const pem = await identity.certificatePem();
      await writeFile(out, pem).catch((e: unknown) => {
        throw new AppError('FILE_ERROR', `cannot write ${out}: ${(e as Error).message}`);
      });
      const summary = (await identity.current()) as IdentitySummary;
      return {
        data: { path: out, sha256Fingerprint: summary.info.sha256Fingerprint },
        text: `Đã ghi chứng thư số / certificate written: ${out}\nSHA-256: ${summary.info.sha256Fingerprint}`,
      };
    }
    default:
      throw new UsageError(`unknown identity command: ${sub ?? '(none)'}`);
  }
};

function shown(summary: IdentitySummary, heading: string): Output {
  return { data: summary, text: formatIdentity(summary, heading) };
}

/** The fingerprint gets its own block: it is what people read aloud to compare. */
export function formatIdentity(summary: IdentitySummary, heading: string): string {
  const { info } = summary;
  const rows: Array<[string, string]> = [
    ['Họ tên / Name', info.commonName],
    ['Chức vụ / Title', info.title ?? '—'],
    ['Đơn vị / Unit', info.organization ?? '—'],
    ['Thư điện tử / E-mail', info.email ?? '—'],
    ['Nguồn / Source', summary.source === 'created' ? 'tự tạo, tự ký / self-signed' : 'nhập từ tệp .p12 / imported'],
    ['Cấp bởi / Issuer', info.selfSigned ? '(tự ký / self-signed)' : info.issuer],
    ['Hiệu lực / Valid', `${info.notBefore.slice(0, 10)} → ${info.notAfter.slice(0, 10)}`],
    ['Khóa / Key', `${info.keyAlgorithm}${info.canEncrypt ? '' : ' (chỉ ký / signature only)'}`],
    ['Số sê-ri / Serial', info.serialNumber],
  ];
  for (const issuer of summary.chain) rows.push(['Chuỗi / Chain', issuer.subject]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    heading,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    '',
    'Dấu vân tay SHA-256 / SHA-256 fingerprint:',
    `  ${info.sha256Fingerprint}`,
  ].join('\n');
}

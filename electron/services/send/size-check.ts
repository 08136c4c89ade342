// The size limit, checked before a message is queued: the policy's own limit, and the server's
// SIZE (RFC 1870) as last seen in EHLO; for a large message whose server limit is not known yet,
// the server is asked once (when it cannot be reached, the check is left to delivery time).
import type { AccountService } from '../accounts/account-service.ts';
import { AppError } from '../errors/app-error.ts';
import { smtpMaxSize } from './smtp-deliver.ts';

/** Below this, asking the server first is not worth the wait: hardly any server limit is lower. */
const PROBE_ABOVE = 5_000_000;

export interface SizeCheck {
  policyMax: number | null;
  known: number | null | undefined;
  probe: () => Promise<number | null>;
  remember: (size: number | null) => void;
}

const mb = (n: number) => (n / 1_000_000).toLocaleString('vi-VN', { maximumFractionDigits: 1 });

function tooLarge(size: number, max: number, whose: string): AppError {
  return new AppError('MESSAGE_TOO_LARGE', `message is ${size} bytes, ${whose} limit is ${max}`, {
    messageVi: `Thư (sau khi mã hóa) nặng ${mb(size)} MB, vượt giới hạn ${mb(max)} MB của ${whose === 'the policy' ? 'quy định của đơn vị' : 'máy chủ gửi thư'}. Hãy bớt hoặc nén tệp đính kèm.`,
    data: { size, max },
  });
}

export async function checkSize(size: number, c: SizeCheck): Promise<void> {
  if (c.policyMax !== null && size > c.policyMax) throw tooLarge(size, c.policyMax, 'the policy');
  let serverMax = c.known;
  if (serverMax === undefined && size > PROBE_ABOVE) {
    serverMax = await c.probe().catch(() => undefined);
    if (serverMax !== undefined) c.remember(serverMax);
  }
  if (typeof serverMax === 'number' && size > serverMax) throw tooLarge(size, serverMax, "the server's");
}

export async function probeMaxSize(accounts: AccountService, accountId: string): Promise<number | null> {
  const { smtp } = await accounts.credentials(accountId);
  return smtpMaxSize(smtp);
}

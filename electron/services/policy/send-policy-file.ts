// Reads the Article 11 sending policy the IT Centre deploys (JSON). A missing file means the
// built-in defaults; a broken one also means the defaults, with an error the settings screen
// shows, so a bad deployment can neither stop sending nor silently loosen the policy.
import { readFile } from 'node:fs/promises';
import type { SendPolicyView } from '../../../shared/compose.ts';
import { DEFAULT_SEND_POLICY, parseSendPolicy, type SendPolicy } from '../../../shared/send-policy.ts';

export interface LoadedSendPolicy extends Omit<SendPolicyView, 'undoSeconds'> {
  /** The policy in force: the file's, or the defaults when it is missing or invalid. */
  policy: SendPolicy;
}

function defaults(error: string | null): LoadedSendPolicy {
  const policy: SendPolicy = {
    ...DEFAULT_SEND_POLICY,
    freemailDomains: [...DEFAULT_SEND_POLICY.freemailDomains],
    officialDomains: [...DEFAULT_SEND_POLICY.officialDomains],
  };
  return {
    source: null,
    error,
    freemailDomains: policy.freemailDomains,
    officialDomains: policy.officialDomains,
    maxMessageBytes: null,
    policy,
  };
}

function invalid(path: string, problem: string): LoadedSendPolicy {
  return defaults(
    `Tệp chính sách gửi thư (Điều 11) ${path} không hợp lệ nên ứng dụng đang dùng chính sách mặc định. ` +
      `Hãy báo Trung tâm CNTT. Chi tiết: ${problem}`,
  );
}

/**
 * The sending policy from `path`. Never throws: missing → defaults with `source: null` and no
 * error; unreadable, not JSON, or failing the schema → defaults, `source: null` and an `error`
 * (Vietnamese, with the English detail) naming the file and the problem.
 */
export async function loadSendPolicy(path: string): Promise<LoadedSendPolicy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return defaults(null);
    return invalid(path, `cannot read the file (${code ?? (e instanceof Error ? e.message : String(e))})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return invalid(path, `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof json === 'object' && json !== null && !Array.isArray(json) && version !== undefined && version !== 1) {
    return invalid(path, `unknown version ${JSON.stringify(version)}; this app reads version 1`);
  }
  const parsed = parseSendPolicy(json);
  if (parsed.error !== null) return invalid(path, parsed.error);
  const policy = parsed.policy;
  return {
    source: path,
    error: null,
    freemailDomains: policy.freemailDomains,
    officialDomains: policy.officialDomains,
    maxMessageBytes: policy.maxMessageBytes ?? null,
    policy,
  };
}

// Drift: the live ACLs against what the register explains. A right nobody
// recorded (set by another client, an administrator, or a tampered grant) is
// "unexplained"; a right an active grant should have put there and that is
// gone is "missing". The owner's own entry is the server's business.
import { normalizeRights, rightsMinus, type DelegationGrant, type DriftFinding } from '../../../shared/delegation.ts';
import { expectedRights } from './grants.ts';

export interface LiveFolderAcl {
  path: string;
  recordFolder: boolean;
  /** Rights every delegate with a grant holds here (the ledger and the audit folder: 'lri'). */
  shareRights?: string | undefined;
  entries: Array<{ identifier: string; rights: string }>;
}

export function findDrift(
  folders: readonly LiveFolderAcl[],
  grants: readonly DelegationGrant[],
  owners: readonly string[],
): DriftFinding[] {
  const ownerSet = new Set(owners.map((o) => o.toLowerCase()));
  const findings: DriftFinding[] = [];
  for (const folder of folders) {
    const seen = new Set<string>();
    for (const entry of folder.entries) {
      const identifier = entry.identifier.toLowerCase();
      if (ownerSet.has(identifier)) continue;
      seen.add(identifier);
      const live = normalizeRights(entry.rights).rights;
      // A negative entry ("-user") takes rights away; the register never writes one.
      const explained = identifier.startsWith('-')
        ? ''
        : expectedRights(grants, identifier, folder.path, {
            recordFolder: folder.recordFolder,
            shareRights: folder.shareRights,
            includeExpiring: true,
          });
      const extra = rightsMinus(live, explained);
      if (extra) findings.push(finding('unexplained', folder.path, identifier, extra, live, explained));
    }
    for (const g of grants) {
      if (g.mode !== 'acl' || g.status !== 'active' || seen.has(g.delegate)) continue;
      const expected = normalizeRights(
        expectedRights([g], g.delegate, folder.path, {
          recordFolder: folder.recordFolder,
          shareRights: folder.shareRights,
        }),
      ).rights;
      if (expected) findings.push(finding('missing', folder.path, g.delegate, expected, '', expected));
    }
    for (const entry of folder.entries) {
      const identifier = entry.identifier.toLowerCase();
      if (ownerSet.has(identifier) || identifier.startsWith('-')) continue;
      const expected = normalizeRights(
        expectedRights(grants, identifier, folder.path, {
          recordFolder: folder.recordFolder,
          shareRights: folder.shareRights,
        }),
      ).rights;
      const lacking = rightsMinus(expected, entry.rights);
      if (lacking) {
        const live = normalizeRights(entry.rights).rights;
        findings.push(finding('missing', folder.path, identifier, lacking, live, expected));
      }
    }
  }
  return findings;
}

function finding(
  kind: DriftFinding['kind'],
  folder: string,
  identifier: string,
  rights: string,
  live: string,
  expected: string,
): DriftFinding {
  const id = `${kind}:${folder}:${identifier}:${rights}`;
  if (kind === 'unexplained') {
    return {
      id,
      kind,
      folder,
      identifier,
      rights,
      live,
      expected,
      detail: `${identifier} holds '${rights}' on ${folder} that no register record explains (live '${live}', expected '${expected}')`,
      messageVi: `${identifier} đang có quyền "${rights}" trên thư mục "${folder}" mà Sổ ủy quyền không ghi nhận (có thể do ứng dụng khác hoặc quản trị viên cấp).`,
    };
  }
  return {
    id,
    kind,
    folder,
    identifier,
    rights,
    live,
    expected,
    detail: `${identifier} should hold '${rights}' on ${folder} by the register but does not (live '${live}')`,
    messageVi: `Theo Sổ ủy quyền, ${identifier} phải có quyền "${rights}" trên thư mục "${folder}" nhưng trên máy chủ không còn.`,
  };
}

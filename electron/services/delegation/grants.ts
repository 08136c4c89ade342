// What the register says each delegate holds now. Only records whose signature
// checks out count: a tampered record explains nothing (and is reported).
import {
  rightsInWords,
  type DelegationGrant,
  type GrantStatus,
  type RegisterRecordDto,
} from '../../../shared/delegation.ts';

export function currentGrants(records: readonly RegisterRecordDto[], now: Date): DelegationGrant[] {
  const byDelegate = new Map<string, DelegationGrant>();
  const ordered = [...records].sort((a, b) => a.seq - b.seq);
  for (const r of ordered) {
    const base = (status: GrantStatus, mode: DelegationGrant['mode']): DelegationGrant => ({
      delegate: r.delegate,
      role: r.role,
      rights: r.rights,
      rightsWords: rightsInWords(r.rights),
      scope: r.scope,
      validFrom: r.validFrom,
      validUntil: r.validUntil,
      status,
      seq: r.seq,
      mode,
    });
    const previous = byDelegate.get(r.delegate);
    switch (r.type) {
      case 'grant':
      case 'change':
        byDelegate.set(r.delegate, base('active', 'acl'));
        break;
      case 'credential-grant':
        byDelegate.set(r.delegate, base('active', 'credential'));
        break;
      case 'revoke':
      case 'credential-revoke':
        if (previous) byDelegate.set(r.delegate, { ...previous, status: 'revoked', seq: r.seq });
        break;
      case 'expire':
        if (previous) byDelegate.set(r.delegate, { ...previous, status: 'expired', seq: r.seq });
        break;
      case 'password-reset':
        // Whoever held the old password no longer does.
        for (const [k, g] of byDelegate)
          if (g.mode === 'credential' && g.status === 'active') byDelegate.set(k, { ...g, status: 'revoked' });
        break;
      case 'drift-fix':
        break;
    }
  }
  return [...byDelegate.values()].map((g) => (g.status === 'active' ? { ...g, status: timeStatus(g, now) } : g));
}

function timeStatus(g: DelegationGrant, now: Date): GrantStatus {
  if (g.validUntil !== null && now.getTime() > Date.parse(g.validUntil)) return 'expired-revoking';
  if (now.getTime() < Date.parse(g.validFrom)) return 'scheduled';
  return 'active';
}

/**
 * Rights the register explains for `identifier` on `folder`: active ACL grants,
 * plus grants past their end that are being revoked. Record folders are never
 * in scope (a delegate must not be able to touch the register).
 */
export function expectedRights(
  grants: readonly DelegationGrant[],
  identifier: string,
  folder: string,
  opts: { recordFolder: boolean; includeExpiring?: boolean; shareRights?: string | undefined },
): string {
  if (opts.recordFolder) {
    // The ledger and the audit log: every delegate with a grant may append ('lri'); the rest: nobody.
    const holds = grants.some(
      (g) =>
        g.mode === 'acl' &&
        (g.status === 'active' || (opts.includeExpiring === true && g.status === 'expired-revoking')) &&
        g.delegate === identifier.toLowerCase(),
    );
    return holds ? (opts.shareRights ?? '') : '';
  }
  return grants
    .filter(
      (g) =>
        g.mode === 'acl' &&
        (g.status === 'active' || (opts.includeExpiring === true && g.status === 'expired-revoking')) &&
        g.delegate === identifier.toLowerCase() &&
        (g.scope === 'all' || g.scope.includes(folder)),
    )
    .map((g) => g.rights)
    .join('');
}

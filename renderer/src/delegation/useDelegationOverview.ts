// The data behind the delegation panel: the overview (grants, folders and
// their ACLs), the drift check, the official domains a delegate may come
// from and, on a server without IMAP ACL, why not. Reloaded when delegation
// changes (delegation.changed), also from another window.
import { useCallback, useEffect, useState } from 'react';
import type { AccountSummary } from '../../../shared/account.ts';
import type { AclSupport, CheckReport, DelegationOverview, RegisterState } from '../../../shared/delegation.ts';
import { invoke, onEvent } from '../api.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useLive, type Live } from '../hooks/useLive.ts';

export interface DelegationData {
  overview: Live<DelegationOverview>;
  check: Live<CheckReport>;
  /** A drift check is running. */
  checking: boolean;
  /** Why the server has no ACL (only asked when it has none). */
  support: AclSupport | null;
  /** Domains a delegate's address may be in. */
  domains: string[];
  /** The register as last read: the check's copy is newer when it ran after a fix. */
  register: RegisterState | null;
  reload(): void;
  runCheck(): void;
  onFixed(report: CheckReport): void;
}

export function useDelegationOverview(account: AccountSummary): DelegationData {
  const accountId = account.id;
  // Live values: a reload after a grant keeps the panel (and the form's answer) on screen.
  const overview = useLive(accountId, () => invoke('delegation.overview', { accountId }));
  const check = useLive(accountId, () => invoke('delegation.check', { accountId }));
  const [checking, setChecking] = useState(false);
  const preferences = useAsync('preferences', () => invoke('preferences.get', {}));
  const unsupported = overview.value !== undefined && !overview.value.aclSupported;
  const support = useAsync(unsupported ? accountId : null, () => invoke('delegation.aclSupport', { accountId }));

  const { refresh: refreshOverview } = overview;
  const { refresh: refreshCheck } = check;
  const reload = useCallback(() => {
    refreshOverview();
    refreshCheck();
  }, [refreshOverview, refreshCheck]);
  useEffect(
    () =>
      onEvent('delegation.changed', (event) => {
        if (event.accountId === accountId) reload();
      }),
    [accountId, reload],
  );
  const runCheck = () => {
    setChecking(true);
    invoke('delegation.check', { accountId })
      .then((report) => check.update(() => report))
      .catch(() => refreshCheck())
      .finally(() => setChecking(false));
  };
  const onFixed = (report: CheckReport) => {
    check.update(() => report);
    refreshOverview();
  };

  return {
    overview,
    check,
    checking: check.loading || checking,
    support: support.state.status === 'ok' ? support.state.value : null,
    domains:
      preferences.state.status === 'ok' ? preferences.state.value.officialDomains : [account.email.split('@')[1] ?? ''],
    register: check.value?.register ?? overview.value?.register ?? null,
    reload,
    runCheck,
    onFixed,
  };
}

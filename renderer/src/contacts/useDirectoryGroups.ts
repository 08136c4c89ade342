// Groups of the province directory ("Các sở, ban, ngành") among the composer's suggestions:
// compose.suggest offers addresses only, and a group usually has none, so the groups matching
// what is typed are asked of the directory itself (directory.search, when it is configured).
// Choosing one expands it (directory.expandGroup) into a chip per member with an address, and
// says how many were added and how many had no address.
import { useEffect, useRef, useState } from 'react';
import type { AddressSuggestion } from '../../../shared/compose.ts';
import { formatRecipient } from '../../../shared/recipients.ts';
import { invoke, toUiError } from '../api.ts';
import { addChips } from '../compose/recipientChips.ts';
import { useStable } from '../hooks/useStable.ts';
import { useT } from '../i18n/useT.ts';
import './contacts.css';

export interface GroupSuggestion extends AddressSuggestion {
  groupDn: string;
}

export function isGroupSuggestion(s: AddressSuggestion): s is GroupSuggestion {
  return 'groupDn' in s;
}

const GROUP_DELAY_MS = 250;
const MAX_GROUPS = 3;

/** Whether the directory is configured, asked once per field (no network check). */
function useDirectoryConfigured(): boolean {
  const [configured, setConfigured] = useState(false);
  useEffect(() => {
    let live = true;
    invoke('directory.status', { check: false })
      .then((s) => live && setConfigured(s.configured))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return configured;
}

function useGroupSearch(accountId: string, query: string, configured: boolean): GroupSuggestion[] {
  const { t } = useT('receipts');
  const [found, setFound] = useState<{ query: string; list: GroupSuggestion[] }>({ query: '', list: [] });
  const wanted = query.trim();
  const enabled = configured && wanted.replace(/\s+/g, '').length >= 2;
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const timer = setTimeout(() => {
      invoke('directory.search', { accountId, query: wanted, limit: 20 })
        .then(({ entries }) => {
          const groups = entries.filter((e) => e.kind === 'group').slice(0, MAX_GROUPS);
          const list = groups.map((g) => ({
            name: g.name,
            address: '',
            source: 'directory' as const,
            detail: t('directory.group'),
            groupDn: g.dn,
          }));
          if (live) setFound({ query: wanted, list });
        })
        // A help, like the other suggestions: without it the user types the addresses.
        .catch(() => undefined);
    }, GROUP_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [accountId, wanted, enabled, t]);
  return enabled && found.query === wanted ? found.list : [];
}

export function useDirectoryGroups(accountId: string, query: string, value: string[], onChange: (v: string[]) => void) {
  const { t } = useT('receipts');
  const configured = useDirectoryConfigured();
  const suggestions = useGroupSearch(accountId, query, configured);
  const [status, setStatus] = useState('');
  const latest = useRef({ value, onChange });
  useEffect(() => {
    latest.current = { value, onChange };
  });
  const expand = useStable(async (group: GroupSuggestion) => {
    const name = group.name;
    setStatus(t('directory.expanding', { name }));
    try {
      const g = await invoke('directory.expandGroup', { accountId, dn: group.groupDn });
      const added = g.members.map((m) => formatRecipient({ name: m.name, address: m.address }));
      const { value: now, onChange: change } = latest.current;
      const next = addChips(now, added);
      change(next);
      const fresh = next.slice(now.length);
      const skipped = g.skipped.filter((s) => s.reason === 'no-address').length;
      const parts = [t('directory.expanded', { count: fresh.length, name })];
      if (skipped > 0) parts.push(t('directory.expandSkipped', { count: skipped }));
      setStatus(parts.join(' '));
    } catch (e) {
      setStatus(t('directory.expandFailed', { name, error: toUiError(e).payload.messageVi }));
    }
  });
  return { suggestions, status, expand: (g: GroupSuggestion) => void expand(g) };
}

// The lookups the composer needs, on one bound connection each: people and units by name
// (diacritics folded), a group by DN or name, and a group's members (nested groups followed).
import type { Client, Entry } from 'ldapts';
import type { DirectoryEntry, DirectorySearchResult, GroupExpansion } from '../../../shared/directory.ts';
import { foldText } from '../../../shared/text-fold.ts';
import { AppError } from '../errors/app-error.ts';
import type { DirectoryConfig } from './directory-config.ts';
import { ENTRY_ATTRIBUTES, entryDetail, kindOf, toDirectoryEntry, values } from './directory-entry.ts';
import { GROUP_CLASSES, matchesTokens, queryTokens, searchFilter } from './ldap-filter.ts';

/** Members taken from one group, nested ones included: a bound for "everyone in the province". */
export const GROUP_MEMBER_LIMIT = 2000;
const GROUP_DEPTH = 5;
const PARALLEL_READS = 16;

/**
 * Entries whose name, address or unit holds every typed word, diacritics folded. The server is
 * asked for at most `maxResults` + 1 candidates: one more than that means it had more
 * (`truncated`), and the answer says so rather than pretending to be complete.
 */
export async function searchEntries(
  client: Client,
  config: DirectoryConfig,
  query: string,
  limit: number,
): Promise<DirectorySearchResult> {
  const tokens = queryTokens(query);
  const filter = searchFilter(tokens, config);
  if (filter === null) return { entries: [], truncated: false };
  const { searchEntries: found } = await client.search(config.baseDn, {
    scope: 'sub',
    filter,
    attributes: [...new Set([...ENTRY_ATTRIBUTES, ...config.searchAttributes, config.foldedAttribute ?? 'cn'])],
    sizeLimit: config.maxResults + 1,
  });
  const truncated = found.length > config.maxResults;
  const hits: Array<{ entry: DirectoryEntry; rank: number }> = [];
  for (const raw of found.slice(0, config.maxResults)) {
    const entry = toDirectoryEntry(raw);
    const names = [entry.name, ...config.searchAttributes.flatMap((a) => values(raw, a))];
    const exact = config.foldedAttribute ? values(raw, config.foldedAttribute) : [];
    const haystack = [...names, ...exact, entry.address ?? '', ...values(raw, 'uid')].join(' ');
    if (!matchesTokens(haystack, tokens)) continue;
    const folded = foldText(entry.name);
    const first = tokens[0] ?? '';
    const rank = folded.startsWith(first) || folded.includes(` ${first}`) ? 0 : 1;
    hits.push({ entry, rank });
  }
  hits.sort((a, b) => a.rank - b.rank || a.entry.name.localeCompare(b.entry.name, 'vi'));
  return { entries: hits.slice(0, limit).map((h) => h.entry), truncated: truncated || hits.length > limit };
}

async function readEntry(client: Client, dn: string): Promise<Entry | null> {
  try {
    const { searchEntries: found } = await client.search(dn, {
      scope: 'base',
      filter: '(objectClass=*)',
      attributes: ENTRY_ATTRIBUTES,
    });
    return found[0] ?? null;
  } catch (e) {
    if ((e as { name?: string }).name === 'NoSuchObjectError') return null;
    throw e;
  }
}

/**
 * The group a user means: a DN read as is, or a name ("Các sở, ban, ngành", marks optional)
 * matched on cn among the groups under the base DN.
 */
export async function findGroup(client: Client, config: DirectoryConfig, ref: { dn?: string; name?: string }) {
  if (ref.dn) {
    const entry = await readEntry(client, ref.dn);
    if (!entry || kindOf(entry) !== 'group') throw notFound(ref.dn);
    return entry;
  }
  const name = ref.name ?? '';
  const tokens = queryTokens(name);
  const filter = searchFilter(tokens, { searchAttributes: ['cn'], classes: GROUP_CLASSES, matchMail: false });
  if (filter === null) throw notFound(name);
  const { searchEntries: found } = await client.search(config.baseDn, {
    scope: 'sub',
    filter,
    attributes: ENTRY_ATTRIBUTES,
    sizeLimit: 50,
  });
  const wanted = foldText(name.normalize('NFC').trim());
  const same = found.filter((g) => values(g, 'cn').some((cn) => foldText(cn) === wanted));
  const exact = same.filter((g) => values(g, 'cn').includes(name.normalize('NFC').trim()));
  const chosen = exact.length === 1 ? exact : same;
  if (chosen.length === 0) throw notFound(name);
  if (chosen.length > 1) {
    throw new AppError('VALIDATION', `${chosen.length} groups named "${name}": ${chosen.map((g) => g.dn).join('; ')}`, {
      messageVi: `Có ${chosen.length} nhóm cùng tên "${name}" trong danh bạ điện tử; hãy chọn theo DN.`,
    });
  }
  return chosen[0] as Entry;
}

function notFound(what: string): AppError {
  return new AppError('DIRECTORY_ENTRY_NOT_FOUND', `no group ${what}`, {
    messageVi: `Không tìm thấy nhóm "${what}" trong danh bạ điện tử.`,
  });
}

/** member (groupOfNames) and uniqueMember (groupOfUniqueNames, "dn#'0101'B" optional UID stripped). */
function memberDns(group: Entry): string[] {
  const unique = values(group, 'uniqueMember').map((v) => v.replace(/#'[01]*'B$/, ''));
  return [...values(group, 'member'), ...unique].filter((dn) => dn.length > 0);
}

/**
 * Every member's address, nested groups followed (depth ≤ 5, loops reported), in the group's
 * order, each address once. Members without a mailbox or gone from the directory are listed
 * in `skipped` so the user sees who will not receive the message.
 */
export async function expandGroup(client: Client, group: Entry): Promise<GroupExpansion> {
  const out: GroupExpansion = {
    dn: group.dn,
    name: toDirectoryEntry(group).name,
    members: [],
    skipped: [],
    truncated: false,
  };
  const seenGroups = new Set([group.dn.toLowerCase()]);
  const seenAddresses = new Set<string>();
  const walk = async (g: Entry, depth: number): Promise<void> => {
    const dns = memberDns(g);
    for (let i = 0; i < dns.length; i += PARALLEL_READS) {
      const batch = dns.slice(i, i + PARALLEL_READS);
      const entries = await Promise.all(batch.map((dn) => readEntry(client, dn)));
      for (const [j, entry] of entries.entries()) {
        const dn = batch[j] ?? '';
        if (out.members.length >= GROUP_MEMBER_LIMIT) {
          out.truncated = true;
          out.skipped.push({ dn, reason: 'limit' });
          continue;
        }
        if (!entry) out.skipped.push({ dn, reason: 'not-found' });
        else if (kindOf(entry) === 'group') await nested(entry, dn, depth);
        else add(entry, dn);
      }
    }
  };
  const nested = async (entry: Entry, dn: string, depth: number) => {
    const key = entry.dn.toLowerCase();
    if (seenGroups.has(key)) out.skipped.push({ dn, reason: 'loop' });
    else if (depth >= GROUP_DEPTH) out.skipped.push({ dn, reason: 'too-deep' });
    else {
      seenGroups.add(key);
      // A group with its own list address is still expanded: the composer wants the people.
      await walk(entry, depth + 1);
    }
  };
  const add = (entry: Entry, dn: string) => {
    const e = toDirectoryEntry(entry);
    if (!e.address) out.skipped.push({ dn, reason: 'no-address' });
    else if (!seenAddresses.has(e.address.toLowerCase())) {
      seenAddresses.add(e.address.toLowerCase());
      const detail = entryDetail(e);
      out.members.push({ dn: e.dn, name: e.name, address: e.address, ...(detail ? { detail } : {}) });
    }
  };
  await walk(group, 0);
  return out;
}

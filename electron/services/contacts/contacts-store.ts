// The contacts list: one SQLite file in the profile (`contacts.sqlite`), one row per address,
// keyed by the address as duplicates are judged (addressKey). Shared by every account of the
// profile; the app and the CLI may both open it (SQLite's locks arbitrate).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Contact } from '../../../shared/directory.ts';
import { foldText } from '../../../shared/text-fold.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS contacts (
  id INTEGER PRIMARY KEY,
  address_key TEXT NOT NULL UNIQUE,
  address TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  organization TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL,
  folded TEXT NOT NULL,
  added_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;

export type NewContact = Omit<Contact, 'id' | 'addedAt' | 'updatedAt'> & { key: string };

interface Row {
  id: number;
  address: string;
  name: string;
  organization: string;
  title: string;
  phone: string;
  source: string;
  added_at: string;
  updated_at: string;
}

const toContact = (r: Row): Contact => ({
  id: r.id,
  name: r.name,
  address: r.address,
  organization: r.organization,
  title: r.title,
  phone: r.phone,
  source: r.source === 'csv' ? 'csv' : 'vcard',
  addedAt: r.added_at,
  updatedAt: r.updated_at,
});

const COLUMNS = 'id, address, name, organization, title, phone, source, added_at, updated_at';

export class ContactsStore {
  private readonly db: DatabaseSync;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new DatabaseSync(file);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;');
    this.db.exec(SCHEMA);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  /**
   * Adds or refreshes contacts in one transaction. An existing address keeps its id; fields the
   * import brings (non-empty) replace the stored ones. Returns how many were new, changed, same.
   */
  upsert(contacts: NewContact[], now: string): { imported: number; updated: number; unchanged: number } {
    const counts = { imported: 0, updated: 0, unchanged: 0 };
    const find = this.db.prepare(`SELECT ${COLUMNS} FROM contacts WHERE address_key = ?`);
    const insert = this.db.prepare(
      `INSERT INTO contacts (address_key, address, name, organization, title, phone, source, folded, added_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const update = this.db.prepare(
      'UPDATE contacts SET name = ?, organization = ?, title = ?, phone = ?, folded = ?, updated_at = ? WHERE id = ?',
    );
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const c of contacts) {
        const old = find.get(c.key) as Row | undefined;
        if (!old) {
          insert.run(c.key, c.address, c.name, c.organization, c.title, c.phone, c.source, fold(c), now, now);
          counts.imported += 1;
          continue;
        }
        const next = {
          ...c,
          name: c.name || old.name,
          organization: c.organization || old.organization,
          title: c.title || old.title,
          phone: c.phone || old.phone,
        };
        const same = (['name', 'organization', 'title', 'phone'] as const).every((k) => next[k] === old[k]);
        if (same) counts.unchanged += 1;
        else {
          update.run(next.name, next.organization, next.title, next.phone, fold(next), now, old.id);
          counts.updated += 1;
        }
      }
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
    return counts;
  }

  /** Contacts in name order; with `query`, those whose name, address or unit holds every folded word. */
  list(query = '', limit = 500): Contact[] {
    const words = foldText(query.normalize('NFC')).split(/\s+/).filter(Boolean).slice(0, 6);
    const where = words.map(() => "folded LIKE ? ESCAPE '\\'").join(' AND ');
    const args = words.map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM contacts ${where ? `WHERE ${where}` : ''} ORDER BY name, address LIMIT ?`)
      .all(...args, limit) as unknown as Row[];
    return rows.map(toContact).sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.address.localeCompare(b.address));
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM contacts').get() as { n: number }).n;
  }
}

function fold(c: Pick<Contact, 'name' | 'address' | 'organization' | 'title'>): string {
  return foldText(`${c.name} ${c.address} ${c.organization} ${c.title}`);
}

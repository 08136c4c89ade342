// Re-applies the directive rules to what a cache already holds: when the leadership list or the
// patterns change (or the classifier itself, CLASSIFIER_VERSION), every cached message gets the
// verdict it would get if it arrived now. Runs in the background in batches, yielding between
// them, and stores the fingerprint of the rules it applied so an unchanged cache costs nothing.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Address } from '../../../shared/mail.ts';
import { classifyDirective, rulesFingerprint, type DirectiveRules, type DirectiveVerdict } from './directive-rules.ts';
import { headerArea } from './directive-signs.ts';

export interface ReclassifyResult {
  /** Messages looked at. */
  checked: number;
  /** Messages whose kind or urgency changed. */
  changed: number;
  /** Messages that are directives now. */
  directives: number;
}

interface Row {
  id: number;
  subject: string;
  from_json: string;
  importance: string | null;
  priority: string | null;
  x_priority: string | null;
  directive_head: string | null;
  is_directive: number;
  urgency: number;
  directive_kind: string | null;
}

/** The fingerprint of the rules the cache's verdicts were made with (null: never stored). */
export function storedFingerprint(db: DatabaseSync): string | null {
  const row = db.prepare('SELECT fingerprint FROM directive_state WHERE id = 1').get() as
    { fingerprint: string } | undefined;
  return row?.fingerprint ?? null;
}

function verdictOf(r: Row, rules: DirectiveRules): DirectiveVerdict {
  return classifyDirective(
    {
      fromAddress: (JSON.parse(r.from_json) as Address[])[0]?.address ?? '',
      subject: r.subject,
      importance: r.importance ?? undefined,
      priority: r.priority ?? undefined,
      xPriority: r.x_priority ?? undefined,
      body: r.directive_head ?? undefined,
    },
    rules,
  );
}

const UPDATE = 'UPDATE messages SET is_directive = ?, urgency = ?, directive_kind = ? WHERE id = ?';

/**
 * Classifies every cached message again with `rules`, in batches of `batchSize` (each its own
 * transaction), yielding to the event loop between batches. Stops quietly when `signal` aborts.
 */
export async function reclassifyCache(
  db: DatabaseSync,
  rules: DirectiveRules,
  opts: { batchSize?: number; signal?: AbortSignal; onBatch?: (r: ReclassifyResult) => void } = {},
): Promise<ReclassifyResult> {
  const result: ReclassifyResult = { checked: 0, changed: 0, directives: 0 };
  const select = db.prepare(
    `SELECT id, subject, from_json, importance, priority, x_priority, directive_head, is_directive, urgency, directive_kind
     FROM messages WHERE id > ? ORDER BY id LIMIT ?`,
  );
  const update = db.prepare(UPDATE);
  let lastId = 0;
  for (;;) {
    if (opts.signal?.aborted) return result;
    const rows = select.all(lastId, opts.batchSize ?? 2000) as unknown as Row[];
    if (rows.length === 0) break;
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const r of rows) {
        const v = verdictOf(r, rules);
        result.checked += 1;
        if (v.isDirective) result.directives += 1;
        if (v.urgency !== r.urgency || (v.isDirective ? 1 : 0) !== r.is_directive || v.kind !== r.directive_kind) {
          update.run(v.isDirective ? 1 : 0, v.urgency, v.kind, r.id);
          result.changed += 1;
        }
      }
      db.exec('COMMIT');
    } catch (e) {
      db.exec('ROLLBACK');
      throw e;
    }
    lastId = (rows[rows.length - 1] as Row).id;
    opts.onBatch?.({ ...result });
    await yieldToLoop();
  }
  if (opts.signal?.aborted) return result;
  db.prepare(
    'INSERT INTO directive_state (id, fingerprint) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET fingerprint = excluded.fingerprint',
  ).run(rulesFingerprint(rules));
  return result;
}

/**
 * A body became known (offline window, opened, indexed): keeps its document header area and
 * classifies the message again with it. Call inside the transaction that saves the body.
 */
export function classifyWithBody(db: DatabaseSync, messageId: number, text: string, rules: DirectiveRules): void {
  const st = bodyStatements(db);
  st.head.run(headerArea(text), messageId);
  const row = st.row.get(messageId) as unknown as Row | undefined;
  if (!row) return;
  const v = verdictOf(row, rules);
  st.update.run(v.isDirective ? 1 : 0, v.urgency, v.kind, messageId);
}

const BODY_STATEMENTS = new WeakMap<DatabaseSync, Record<'head' | 'row' | 'update', StatementSync>>();

/** Prepared once per connection: a sync saves thousands of bodies. */
function bodyStatements(db: DatabaseSync): Record<'head' | 'row' | 'update', StatementSync> {
  let st = BODY_STATEMENTS.get(db);
  if (!st) {
    st = {
      head: db.prepare('UPDATE messages SET directive_head = ? WHERE id = ?'),
      row: db.prepare(
        `SELECT id, subject, from_json, importance, priority, x_priority, directive_head, is_directive, urgency, directive_kind
         FROM messages WHERE id = ?`,
      ),
      update: db.prepare(UPDATE),
    };
    BODY_STATEMENTS.set(db, st);
  }
  return st;
}

import type { HandoverRecord } from './record-types.ts';

/**
 * The one serialisation of the record: the exporter writes it to data/record/bien-ban.json
 * and the PDF embeds the same bytes, so a reader can compare the two with sha256sum.
 */
export function recordJson(record: HandoverRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

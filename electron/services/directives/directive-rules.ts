import { foldText } from '../../../shared/text-fold.ts';

/** Urgency of an official document, from the markings Vietnamese administrations use (Decree 30/2020). */
export const URGENCY = { normal: 0, urgent: 1, veryUrgent: 2, flash: 3 } as const;
export type Urgency = (typeof URGENCY)[keyof typeof URGENCY];

export interface DirectiveRules {
  /** Addresses (or @domain suffixes) of the leadership whose mail is a directive by default. */
  leadership: string[];
  /** Subject patterns, matched on folded text at a word boundary. */
  subjectPatterns: string[];
}

export const DEFAULT_DIRECTIVE_RULES: DirectiveRules = {
  leadership: [],
  subjectPatterns: ['V/v', 'Chỉ thị', 'Quyết định số', 'Công văn số', 'Thông báo', 'Kế hoạch', 'Chỉ đạo', 'Giấy mời'],
};

export interface DirectiveInput {
  fromAddress: string;
  subject: string;
  /** Raw values of Importance, Priority and X-Priority, if present. */
  importance?: string | undefined;
  priority?: string | undefined;
  xPriority?: string | undefined;
}

export interface DirectiveVerdict {
  isDirective: boolean;
  urgency: Urgency;
  reasons: string[];
}

/** Markers matched with diacritics when the subject has them ("khăn" is not "khẩn"), folded otherwise. */
const URGENCY_MARKERS: Array<[RegExp, RegExp, Urgency, string]> = [
  [/(^|[^\p{L}])h(ỏa|oả)\s+tốc([^\p{L}]|$)/u, /\bhoa toc\b/, URGENCY.flash, 'Hỏa tốc'],
  [/(^|[^\p{L}])thượng\s+khẩn([^\p{L}]|$)/u, /\bthuong khan\b/, URGENCY.veryUrgent, 'Thượng khẩn'],
  [/(^|[^\p{L}])khẩn([^\p{L}]|$)/u, /\bkhan\b/, URGENCY.urgent, 'Khẩn'],
];

/** Classifies one message. Pure, so the cache can re-run it when the rules change. */
export function classifyDirective(input: DirectiveInput, rules: DirectiveRules): DirectiveVerdict {
  const reasons: string[] = [];
  const subject = foldText(input.subject);
  const from = input.fromAddress.toLowerCase();

  const exact = input.subject.normalize('NFC').toLowerCase();
  const hasMarks = exact !== subject;
  let urgency: Urgency = URGENCY.normal;
  for (const [withMarks, folded, level, label] of URGENCY_MARKERS) {
    if ((hasMarks ? withMarks : folded).test(hasMarks ? exact : subject)) {
      urgency = level;
      reasons.push(label);
      break;
    }
  }
  const headerUrgent =
    /^high$/i.test(input.importance?.trim() ?? '') ||
    /^(urgent|high)$/i.test(input.priority?.trim() ?? '') ||
    /^[12]\b/.test(input.xPriority?.trim() ?? '');
  if (headerUrgent && urgency === URGENCY.normal) {
    urgency = URGENCY.urgent;
    reasons.push('Importance: high');
  }

  const fromLeader = rules.leadership.some((l) => {
    const rule = l.trim().toLowerCase();
    return rule.startsWith('@') ? from.endsWith(rule) : from === rule;
  });
  if (fromLeader) reasons.push('leadership');
  const pattern = compiled(rules).find(([, re]) => re.test(subject))?.[0];
  if (pattern) reasons.push(`subject: ${pattern}`);

  return { isDirective: fromLeader || pattern !== undefined || urgency > URGENCY.normal, urgency, reasons };
}

const COMPILED = new WeakMap<DirectiveRules, Array<[string, RegExp]>>();

/** Subject patterns compiled once per rules object: classification runs for every synced message. */
function compiled(rules: DirectiveRules): Array<[string, RegExp]> {
  let list = COMPILED.get(rules);
  if (!list) {
    list = rules.subjectPatterns.map((p) => [p, new RegExp(`(^|[^\\p{L}\\p{N}])${escape(foldText(p))}`, 'u')]);
    COMPILED.set(rules, list);
  }
  return list;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

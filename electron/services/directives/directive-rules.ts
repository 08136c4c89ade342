// Which messages are directives (văn bản chỉ đạo, official documents to the unit), which are
// invitations (Giấy mời), and how urgent: from the official signs only. The rules for labelling
// a message by hand are in test/fixtures/directives/LABELLING.md; this code follows them.
import { foldText } from '../../../shared/text-fold.ts';
import {
  documentNumber,
  headerArea,
  headerAreaMark,
  stripPrefixes,
  subjectStem,
  URGENCY,
  urgencyMark,
  wordPattern,
  type Urgency,
} from './directive-signs.ts';

export { URGENCY, type Urgency } from './directive-signs.ts';

/**
 * Bumped whenever classifyDirective changes what it decides: caches classified by an older
 * version are re-classified in the background (directive-reclassify.ts).
 */
export const CLASSIFIER_VERSION = 2;

export type DirectiveKind = 'directive' | 'invitation';

export interface DirectiveRules {
  /** Addresses (or @domain suffixes) of the leadership whose mail is a directive by default. */
  leadership: string[];
  /** Document types, at the start of the subject (after marks), that make an official sender's mail a directive. */
  subjectPatterns: string[];
  /** Words that make it an invitation instead, anywhere in the subject. */
  invitationPatterns?: string[];
  /** Domains whose senders are official besides every *.gov.vn one. */
  officialDomains?: string[];
}

export const DEFAULT_DIRECTIVE_RULES: DirectiveRules = {
  leadership: [],
  subjectPatterns: [
    'V/v',
    'Về việc',
    'Công văn',
    'Công điện',
    'Quyết định',
    'Chỉ thị',
    'Thông báo',
    'Kế hoạch',
    'Hướng dẫn',
    'Nghị quyết',
    'Chương trình',
    'Báo cáo',
    'Tờ trình',
    'Văn bản',
    'Chỉ đạo',
  ],
  invitationPatterns: ['Giấy mời', 'Thư mời', 'Mời họp', 'Mời dự', 'Mời tham dự'],
  officialDomains: [],
};

export interface DirectiveInput {
  fromAddress: string;
  subject: string;
  /** Raw values of Importance, Priority and X-Priority, if present. */
  importance?: string | undefined;
  priority?: string | undefined;
  xPriority?: string | undefined;
  /** The body text, or just its header area (headerArea()), when known. */
  body?: string | undefined;
}

export interface DirectiveVerdict {
  isDirective: boolean;
  kind: DirectiveKind | null;
  urgency: Urgency;
  reasons: string[];
}

type Sender = 'leader' | 'official' | 'automated' | 'other';

const AUTOMATED =
  /^(?:no-?reply|noreply|do-?not-?reply|donotreply|khongtraloi|khong-tra-loi|mailer-daemon|postmaster|bounces?|notifications?|thongbao[.-]?tudong)([+.\-_].*)?$/;

function senderOf(address: string, rules: DirectiveRules): Sender {
  const from = address.trim().toLowerCase();
  const leader = rules.leadership.some((l) => {
    const rule = l.trim().toLowerCase();
    return rule.startsWith('@') ? from.endsWith(rule) : from === rule;
  });
  if (leader) return 'leader';
  const at = from.lastIndexOf('@');
  const local = from.slice(0, at);
  const domain = from.slice(at + 1);
  if (at < 0 || AUTOMATED.test(local)) return at < 0 ? 'other' : 'automated';
  const official =
    domain === 'gov.vn' ||
    domain.endsWith('.gov.vn') ||
    (rules.officialDomains ?? []).some((d) => domain === d.toLowerCase() || domain.endsWith(`.${d.toLowerCase()}`));
  return official ? 'official' : 'other';
}

/** Importance/Priority/X-Priority asking for urgency: a sign only together with an official sender and form. */
function headerUrgent(input: DirectiveInput): boolean {
  return (
    /^high$/i.test(input.importance?.trim() ?? '') ||
    /^(urgent|high)$/i.test(input.priority?.trim() ?? '') ||
    /^[12]\b/.test(input.xPriority?.trim() ?? '')
  );
}

const NONE = (reasons: string[]): DirectiveVerdict => ({ isDirective: false, kind: null, urgency: 0, reasons });

/** Classifies one message. Pure, so the cache re-runs it when the rules change. */
export function classifyDirective(input: DirectiveInput, rules: DirectiveRules): DirectiveVerdict {
  const reasons: string[] = [];
  const sender = senderOf(input.fromAddress, rules);
  const { rest, reply, forward } = stripPrefixes(input.subject);
  if (sender === 'automated') return NONE(['automated sender']);
  if (reply && sender !== 'leader') return NONE(['reply, not from the leadership']);
  if (forward && sender === 'other') return NONE(['forwarded by an unofficial sender']);

  const head = input.body ? headerArea(input.body) : '';
  const stem = subjectStem(rest);
  const number = documentNumber(rest) ?? documentNumber(head);
  const { types, invitations } = compiled(rules);
  const type = types.find(([, anchored, anywhere]) => anchored.test(stem) || anywhere.test(stem));
  const invitation =
    invitations.find(([, re]) => re.test(stem))?.[0] ??
    (number?.typeCode === 'GM' ? 'GM' : undefined) ??
    (/(^|\n)\s*giấy mời\s*($|\n)/iu.test(head) ? 'Giấy mời' : undefined);
  const mark = [urgencyMark(rest), headerAreaMark(head)].reduce<ReturnType<typeof urgencyMark>>(
    (best, m) => (m && (!best || m.level > best.level) ? m : best),
    null,
  );
  const form = number !== null || type !== undefined || invitation !== undefined;

  let eligible = false;
  if (sender === 'leader') {
    eligible = true;
    reasons.push('leadership');
  } else if (sender === 'official' && (form || mark)) {
    eligible = true;
    reasons.push('official sender');
  } else if (sender === 'other' && number !== null && !forward) {
    // A commune still on free mail sending its own numbered document.
    eligible = true;
    reasons.push('numbered document');
  }
  if (!eligible) return NONE([...reasons, `sender: ${sender}`]);
  if (number) reasons.push(`số ký hiệu: ${number.number}`);
  if (type) reasons.push(`subject: ${type[0]}`);

  let urgency: Urgency = URGENCY.normal;
  if (mark) {
    urgency = mark.level;
    reasons.push(mark.label);
  } else if (headerUrgent(input) && (form || sender === 'leader')) {
    urgency = URGENCY.urgent;
    reasons.push('Importance: high');
  }
  const kind: DirectiveKind = invitation !== undefined ? 'invitation' : 'directive';
  if (invitation !== undefined) reasons.push(`invitation: ${invitation}`);
  return { isDirective: kind === 'directive', kind, urgency, reasons };
}

interface Compiled {
  /** [word, at the start of the stem, anywhere at a word start (only for V/v and numbered forms)] */
  types: Array<[string, RegExp, RegExp]>;
  invitations: Array<[string, RegExp]>;
}

const COMPILED = new WeakMap<DirectiveRules, Compiled>();
/** Trích yếu markers count anywhere in the subject ("Công văn 12/UBND-VX V/v …", "… về việc …" does not). */
const ANYWHERE = new Set(['v/v']);

/** Patterns compiled once per rules object: classification runs for every synced message. */
function compiled(rules: DirectiveRules): Compiled {
  let c = COMPILED.get(rules);
  if (!c) {
    const never = /$^/;
    c = {
      types: rules.subjectPatterns.map((p) => [
        p,
        wordPattern(p, true),
        ANYWHERE.has(foldText(p)) ? wordPattern(p, false) : never,
      ]),
      invitations: (rules.invitationPatterns ?? DEFAULT_DIRECTIVE_RULES.invitationPatterns ?? []).map((p) => [
        p,
        wordPattern(p, false),
      ]),
    };
    COMPILED.set(rules, c);
  }
  return c;
}

/** A stable fingerprint of what classification depends on: stored with a cache's verdicts. */
export function rulesFingerprint(rules: DirectiveRules): string {
  const norm = (list: string[] | undefined) => [...new Set((list ?? []).map((s) => s.trim().toLowerCase()))].sort();
  return JSON.stringify({
    v: CLASSIFIER_VERSION,
    leadership: norm(rules.leadership),
    subjectPatterns: norm(rules.subjectPatterns),
    invitationPatterns: norm(rules.invitationPatterns ?? DEFAULT_DIRECTIVE_RULES.invitationPatterns),
    officialDomains: norm(rules.officialDomains),
  });
}

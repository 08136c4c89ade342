// mailparser (with its charset tables) is loaded when the first message is parsed, not when the
// services start: an export or a verify never parses a message.
import type * as Mailparser from 'mailparser';

let loaded: Promise<typeof Mailparser> | null = null;

export async function simpleParser(
  source: Parameters<typeof Mailparser.simpleParser>[0],
  options?: Mailparser.SimpleParserOptions,
): Promise<Mailparser.ParsedMail> {
  loaded ??= import('mailparser');
  return (await loaded).simpleParser(source, options);
}

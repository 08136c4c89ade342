import type { MessageStructureObject } from 'imapflow';

/** File names of the attachments in a body structure, for search and the list's marker. */
export function attachmentNames(node: MessageStructureObject): string[] {
  if (node.childNodes?.length) return node.childNodes.flatMap(attachmentNames);
  const name = node.dispositionParameters?.filename ?? node.parameters?.name;
  return name && !node.type.startsWith('text/') ? [name.normalize('NFC')] : [];
}

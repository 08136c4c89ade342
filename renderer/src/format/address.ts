import type { Address } from '../../../shared/mail.ts';

/** "Name <address>" for headers; the bare address when there is no name. */
export function formatAddress(a: Address): string {
  const name = a.name.trim();
  return name && name !== a.address ? `${name} <${a.address}>` : a.address;
}

export function formatAddressList(list: readonly Address[]): string {
  return list.map(formatAddress).join(', ');
}

/** Short sender label for the message list. */
export function senderLabel(list: readonly Address[]): string {
  const first = list[0];
  if (!first) return '';
  return first.name.trim() || first.address;
}

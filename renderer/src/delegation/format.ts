// Small helpers of the delegation screens: dates as the head reads them, the
// days picked in the form as instants, folder names, and files the user
// picked read in the renderer (they cross to main as content, never as paths).
import type { TFunction } from 'i18next';
import type { FolderInfo } from '../../../shared/mail.ts';
import { folderLabel } from '../main/folderLabel.ts';
import { specialUseByName } from './sharedFolders.ts';

export function formatDay(iso: string, locale: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(t);
}

export function formatInstant(iso: string, locale: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(t);
}

/** "2026-11-28" for a date input, in local time. */
export function dayInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Local start of the picked day; undefined for today or earlier (the service then starts now). */
export function startOfDay(day: string, now = new Date()): string | undefined {
  if (!day || day <= dayInput(now)) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 0, (m ?? 1) - 1, d ?? 1, 0, 0, 0, 0).toISOString();
}

/** Local end of the picked day ("đến hết ngày"); null for an empty field (no end). */
export function endOfDay(day: string): string | null {
  if (!day) return null;
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 0, (m ?? 1) - 1, d ?? 1, 23, 59, 59, 999).toISOString();
}

/** Seconds with one or two decimals, in the UI's locale ("0,42"). */
export function formatSeconds(ms: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: ms < 10_000 ? 2 : 1 }).format(ms / 1000);
}

/**
 * A unit folder as people know it: standard folders by their usual names
 * ("Trash" is "Thùng rác"), a subfolder with its parents ("Đã xử lý › 2026").
 */
export function folderTitle(path: string, name: string, t: TFunction): string {
  const parent = path.length > name.length && path.endsWith(name) ? path.slice(0, -name.length - 1) : '';
  const folder: FolderInfo = {
    path,
    name,
    parentPath: parent || null,
    delimiter: '/',
    specialUse: parent ? null : specialUseByName(name),
    subscribed: true,
    selectable: true,
    messages: null,
    unseen: null,
  };
  const own = folderLabel(folder, t);
  return parent ? `${parent.replaceAll(path.charAt(parent.length), ' › ')} › ${own}` : own;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** A certificate file as the contract takes it: PEM text as is, DER as base64. */
export async function readCertificateFile(file: File): Promise<{ pem?: string; derBase64?: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 64));
  return head.includes('-----BEGIN') ? { pem: new TextDecoder().decode(bytes) } : { derBase64: bytesToBase64(bytes) };
}

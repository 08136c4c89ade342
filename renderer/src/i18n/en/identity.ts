// English strings of the signing identity; same shape as vi/identity.ts (checked by the type).
import type { Translation } from '../types.ts';
import type { identityVi } from '../vi/identity.ts';

export const identityEn: Translation<typeof identityVi> = {
  heading: 'My digital signature',
  intro:
    'Your digital signature signs the handover package (when you hand over) and opens the password sealed for you (when you take over). The private key stays in the operating system keychain only.',
  none: 'You have no digital signature yet.',
  noneHelp:
    'Create one (the app makes a key pair and a self-signed certificate) or import a .p12/.pfx file issued by a certification authority.',
  ready: 'Your digital signature is ready.',
  fingerprint: 'SHA-256 fingerprint',
  fingerprintHelp:
    'Read this fingerprint over the phone (line by line, four characters at a time) so the other party can compare it with the certificate they received.',
  sourceCreated: 'Created by the app on {{date}}.',
  sourceImported: 'Imported from a .p12/.pfx file on {{date}}.',
  chain: 'Certificate chain',
  keyInKeychain: 'The private key is kept in the operating system keychain, not in any file.',
  exportCert: 'Save certificate (.pem)…',
  exportHelp:
    'Send the certificate file (it holds no private key) to the outgoing head so that they seal the mailbox password for you alone.',
  exported: 'Certificate saved to:',
  replace: 'Replace with another signature…',
  replaceWarning:
    'Replacing the signature deletes the old key from the keychain: packages sealed to the old certificate can no longer be opened.',
  create: {
    heading: 'Create a new digital signature',
    intro:
      'The app makes an RSA-3072 key pair and a self-signed certificate valid for 5 years, naming you, your title, unit and e-mail.',
    name: 'Full name',
    namePlaceholder: 'Nguyễn Văn Hùng',
    title: 'Title',
    titlePlaceholder: 'Chief of Office',
    unit: 'Unit',
    unitPlaceholder: 'Office of the Binh Phuoc Provincial People’s Committee',
    email: 'E-mail',
    emailPlaceholder: 'nvhung@binhphuoc.gov.vn',
    submit: 'Create signature',
    busy: 'Creating the key pair…',
  },
  import: {
    heading: 'Import a certificate (.p12/.pfx)',
    intro: 'Use this when your unit was issued a certificate with its key in a PKCS#12 file.',
    file: 'Certificate file',
    pick: 'Choose file…',
    noFile: 'No file chosen',
    password: 'File password',
    passwordHint: 'The password is used once to open the file; the app does not keep it.',
    submit: 'Import',
    busy: 'Importing…',
  },
  advice: {
    IDENTITY_INVALID: 'Check the file’s password (it is case-sensitive) or ask the issuer for the file again.',
    KEYCHAIN_UNAVAILABLE:
      'The private key is stored only in the operating system keychain. Unlock the keychain (log in again) and retry; nothing was stored anywhere else.',
    IDENTITY_MISSING: 'Open the “Digital signature” tab to create or import one.',
    CERTIFICATE_INVALID: 'Choose another certificate file (PEM or DER) that is still valid.',
    FILE_ERROR: 'Check that the file still exists and that you may read and write in that folder.',
  },
};

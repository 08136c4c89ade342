// English strings of the mail-safety parts; same shape as vi/mail.ts (checked by the type).
import type { Translation } from '../types.ts';
import type { mailVi } from '../vi/mail.ts';

export const mailEn: Translation<typeof mailVi> = {
  remote: {
    loadOnce: 'Load for this message',
    loadAlways: 'Always load from this sender',
    loading: 'Loading images through the app…',
    howItLoads:
      'The app fetches the images (size-capped, images only) and shows them as embedded images; the message frame still has no network access.',
    noAccount: 'The open mailbox is not known yet, so nothing can be loaded.',
    noLoadable: 'This message has no http/https images that can be loaded; all remote content stays blocked.',
    neverLoadable_one: '{{count}} item is not an http/https image and stays blocked.',
    neverLoadable_other: '{{count}} items are not http/https images and stay blocked.',
    showList: 'Show list ({{count}})',
    stillBlocked_one: 'Still blocking {{count}} remote item',
    stillBlocked_other: 'Still blocking {{count}} remote items',
    stillBlockedHelp: 'Only http/https images are loaded. The items below stay blocked.',
    autoLoaded: 'Remote images from {{sender}} are loaded automatically because you allowed this sender.',
    stopAuto: 'Stop loading automatically',
    alwaysBlocked: 'always blocked',
    kind: {
      image: 'Image',
      stylesheet: 'Stylesheet',
      font: 'Font',
      frame: 'Frame / embedded object',
      media: 'Audio / video',
      other: 'CSS resource',
    },
  },
  attachment: {
    save: 'Save…',
    saving: 'Saving…',
    savedTo: 'Saved to {{path}}',
    noAccount: 'The open mailbox is not known yet, so nothing can be saved.',
    archive: 'Archive: may contain programs, check before opening',
    risky: 'Possibly dangerous file',
    confirmTitle: 'Save a possibly dangerous file?',
    fileName: 'File name',
    contentType: 'Declared content type',
    realExtension: 'Real extension: .{{ext}}',
    noExtension: 'The file has no extension.',
    reason: {
      executable: 'This is a program that runs on the computer.',
      script: 'This is a script: opening it runs commands right away.',
      macro: 'This is an Office document with macros, which can run code when opened.',
      'disk-image': 'This is a disk image: opening it mounts a drive that can hold programs.',
      shortcut: 'This is a shortcut, which can point to and run another program.',
      system: 'Opening this file changes the system configuration.',
      web: 'This file opens in a browser, where it can run code or fake a login page.',
      'double-extension': 'The name poses as a .{{decoy}} file, but the real extension is .{{ext}}.',
      padded: 'The name is padded with spaces to hide the real extension .{{ext}}.',
      'hidden-characters':
        'The name contains hidden or direction-reversing characters (marked ⟦U+…⟧ above), so it displays differently from what it is.',
      'executable-type': 'The declared content type ({{type}}) is a program, script, disk image or macro document.',
      'type-mismatch': 'The declared content type ({{type}}) does not match the extension .{{ext}}.',
    },
    confirmWarn:
      'Save only after confirming with the sender through another channel (e.g. a phone call). Do not open the file unless you are sure.',
    confirmSave: 'Save the .{{ext}} file anyway',
    confirmSaveNoExt: 'Save the file without extension anyway',
  },
  legacy: {
    tcvn3: 'The text was converted from TCVN3 to Unicode.',
    vni: 'The text was converted from VNI to Unicode.',
    help: 'If some diacritics still look wrong, compare with the message source or ask the sender.',
  },
};

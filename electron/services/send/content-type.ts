// The content type of an attachment from its name, with nodemailer's own table (the one its
// composer would use), so a picked file and a pasted one are labelled alike.
import { detectMimeType } from 'nodemailer/lib/mime-funcs';

export function contentTypeFor(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? detectMimeType(filename.slice(dot + 1).toLowerCase()) : 'application/octet-stream';
}

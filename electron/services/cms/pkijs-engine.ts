import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';

let installed = false;

/**
 * Points pkijs at Node's WebCrypto. Called by every function that lets pkijs do
 * cryptography (PKCS#12, EnvelopedData) rather than at import time, so loading
 * a module never changes global state.
 */
export function ensurePkijsEngine(): void {
  if (installed) return;
  const crypto = webcrypto as unknown as pkijs.CryptoEngineParameters['crypto'];
  pkijs.setEngine('node-webcrypto', new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto }));
  installed = true;
}

/** pkijs and asn1js want ArrayBuffers; a Uint8Array may be a view into a larger (or shared) buffer. */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

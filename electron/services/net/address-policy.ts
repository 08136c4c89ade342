import { BlockList, isIP } from 'node:net';

/**
 * Which IP addresses a fetch on behalf of a message may connect to. A mail
 * must not make the user's machine talk to itself, its LAN, the cloud's
 * metadata service or any other address that is not plainly "the internet":
 * every IANA special-purpose range is refused, in both families, and IPv6
 * forms that carry an IPv4 address (mapped, NAT64, 6to4) are judged by the
 * IPv4 address they carry.
 */

// prettier-ignore
const IPV4_SPECIAL: Array<[string, number]> = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.31.196.0', 24], ['192.52.193.0', 24], ['192.88.99.0', 24],
  ['192.168.0.0', 16], ['192.175.48.0', 24], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
];

// prettier-ignore
// IPv4-mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) are judged by the IPv4
// address they carry (embeddedIpv4): a BlockList rule on ::ffff:0:0/96 would match every IPv4 address.
const IPV6_SPECIAL: Array<[string, number]> = [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible form
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments, Teredo included
  ['2001:db8::', 32], // documentation
  ['3fff::', 20], // documentation
  ['5f00::', 16], // segment routing
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

function buildBlockList(): BlockList {
  const list = new BlockList();
  for (const [net, prefix] of IPV4_SPECIAL) list.addSubnet(net, prefix, 'ipv4');
  for (const [net, prefix] of IPV6_SPECIAL) list.addSubnet(net, prefix, 'ipv6');
  return list;
}

const SPECIAL = buildBlockList();

/** The eight 16-bit groups of an IPv6 address (with an optional dotted IPv4 tail); null if malformed. */
export function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const bytes = dotted[1].split('.').map(Number);
    if (bytes.some((b) => b > 255)) return null;
    const [a = 0, b = 0, c = 0, d = 0] = bytes;
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const head = parse(halves[0] ?? '');
  const tail = halves.length === 2 ? parse(halves[1] ?? '') : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...new Array<number>(Math.max(fill, 0)).fill(0), ...tail];
  if (groups.length !== 8 || groups.some((g) => !Number.isInteger(g) || g < 0 || g > 0xffff)) return null;
  return groups;
}

const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;

/** The IPv4 address an IPv6 address carries (mapped, NAT64 64:ff9b::/96, 6to4), if any. */
export function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  if (!g) return null;
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = g;
  const zeroHead = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroHead && g5 === 0xffff) return v4(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return v4(g6, g7);
  if (g0 === 0x2002) return v4(g1 ?? 0, g2 ?? 0);
  return null;
}

export interface AddressPolicy {
  /** True when a connection to this literal address may be made. */
  allows(address: string): boolean;
}

/**
 * The policy for remote content: public unicast only. `extraAllowed` lists
 * ranges ("10.20.0.0/16") an administrator trusts despite being private,
 * e.g. the province's own image server on its intranet; none by default.
 */
export function publicOnlyPolicy(extraAllowed: readonly string[] = []): AddressPolicy {
  const exceptions = new BlockList();
  for (const range of extraAllowed) {
    const [net = '', prefix] = range.split('/');
    const family = isIP(net);
    if (!family) throw new Error(`not an address range: ${range}`);
    const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
    exceptions.addSubnet(net, bits, family === 4 ? 'ipv4' : 'ipv6');
  }
  const allows = (raw: string): boolean => {
    const address = raw.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
    const family = isIP(address);
    if (family === 0) return false;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (exceptions.check(address, type)) return true;
    // Mapped, NAT64 and 6to4 addresses are as safe as the IPv4 address they lead to.
    const inner = family === 6 ? embeddedIpv4(address) : null;
    if (inner !== null) return allows(inner);
    return !SPECIAL.check(address, type);
  };
  return { allows };
}

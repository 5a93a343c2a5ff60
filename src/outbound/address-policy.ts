import net from 'node:net';
import { AppError } from '../errors.js';

/**
 * Which addresses an outbound fetch may connect to. Private, loopback, link-local, unique-local, multicast,
 * unspecified and other special-purpose ranges are refused (v4 and v6; a v4-mapped v6 address is judged as the v4
 * address it carries), so a URL given by a user or a partner cannot reach the newsroom's internal services, unless
 * the operator lists the host, address or range in ALLOW_PRIVATE_HOSTS (tests and the demo's own loopback feed).
 */
const SPECIAL = new net.BlockList();
for (const [net4, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  SPECIAL.addSubnet(net4, prefix, 'ipv4');
for (const [net6, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64 (carries a v4 address)
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  SPECIAL.addSubnet(net6, prefix, 'ipv6');

/** The eight 16-bit groups of a v6 address (`::` expanded, a dotted v4 tail converted). */
function groups6(address: string): number[] | null {
  let a = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (dotted) {
    const p = dotted[1]!.split('.').map(Number);
    a = a.slice(0, -dotted[1]!.length) + `${((p[0]! << 8) | p[1]!).toString(16)}:${((p[2]! << 8) | p[3]!).toString(16)}`;
  }
  const [head, tail] = a.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = a.includes('::') ? 8 - h.length - t.length : 0;
  const all = [...h, ...Array<string>(fill).fill('0'), ...t].map((g) => parseInt(g, 16));
  return all.length === 8 && all.every((g) => g >= 0 && g <= 0xffff) ? all : null;
}

/** The v4 address a v4-mapped (::ffff:a.b.c.d) or v4-compatible (::a.b.c.d) v6 address carries, else null. */
export function embeddedIpv4(address: string): string | null {
  const g = groups6(address);
  if (!g || g.slice(0, 5).some((x) => x !== 0) || (g[5] !== 0xffff && g[5] !== 0)) return null;
  if (g[5] === 0 && g[6] === 0) return null; // :: and ::1 are themselves
  return [g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255].join('.');
}

/** True for an address no outbound fetch may reach unless allowed (see above). */
export function isSpecialAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return SPECIAL.check(address, 'ipv4');
  if (family !== 6) return true; // not an address at all: refuse
  const v4 = embeddedIpv4(address);
  if (v4) return SPECIAL.check(v4, 'ipv4');
  return SPECIAL.check(address.replace(/%.*$/, ''), 'ipv6');
}

/** What ALLOW_PRIVATE_HOSTS lets through: host names (exact, case-insensitive), addresses and CIDR ranges. */
export type PrivateAllowList = { hosts: ReadonlySet<string>; addresses: net.BlockList; empty: boolean };

export function parseAllowList(raw: string | readonly string[] | undefined | null): PrivateAllowList {
  const items = (typeof raw === 'string' ? raw.split(',') : (raw ?? [])).map((s) => s.trim()).filter(Boolean);
  // A malformed entry must not widen the list: `10.0.0.0/` read as /0 allowed every address.
  const problem = allowListProblem(items.join(','));
  if (problem) {
    throw new AppError('CONFIG_INVALID', `ALLOW_PRIVATE_HOSTS: ${problem}.`, {
      hint: 'List host names, addresses and ranges separated by commas, e.g. ALLOW_PRIVATE_HOSTS=feeds.internal.example,10.0.0.0/8,[fd00::]/8',
    });
  }
  const hosts = new Set<string>();
  const addresses = new net.BlockList();
  for (const item of items) {
    const [ip, prefix] = unbracket(item).split('/') as [string, string | undefined];
    const family = net.isIP(ip);
    if (family) {
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefix === undefined) addresses.addAddress(ip, type);
      else addresses.addSubnet(ip, Number(prefix), type);
    } else {
      hosts.add(item.toLowerCase().replace(/\.$/, ''));
    }
  }
  return { hosts, addresses, empty: items.length === 0 };
}

/** `[fd00::]/8` → `fd00::/8`, `[::1]` → `::1`. */
const unbracket = (item: string) => item.replace(/^\[([^\]]*)\]/, '$1');

/** Whether ALLOW_PRIVATE_HOSTS-style entries are well formed: the message names the bad one, else null. */
export function allowListProblem(raw: string): string | null {
  for (const item of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [ip, prefix] = unbracket(item).split('/') as [string, string | undefined];
    const family = net.isIP(ip);
    if (prefix !== undefined) {
      const n = Number(prefix);
      if (!family || !/^\d+$/.test(prefix) || n > (family === 4 ? 32 : 128)) return `"${item}" is not an address range (e.g. 10.0.0.0/8)`;
    } else if (!family && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(item)) {
      return `"${item}" is not a host name, an address or a range`;
    }
  }
  return null;
}

/** May a connection to `address`, reached by resolving `host`, be made? */
export function addressAllowed(allow: PrivateAllowList, host: string, address: string): boolean {
  if (!isSpecialAddress(address)) return true;
  if (allow.empty) return false;
  if (
    allow.hosts.has(
      host
        .toLowerCase()
        .replace(/^\[|\]$/g, '')
        .replace(/\.$/, ''),
    )
  )
    return true;
  const family = net.isIP(address);
  if (family === 4) return allow.addresses.check(address, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    return (v4 !== null && allow.addresses.check(v4, 'ipv4')) || allow.addresses.check(address, 'ipv6');
  }
  return false;
}

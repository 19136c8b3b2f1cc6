import { BlockList, isIP } from 'node:net';

/** Whether `address` (IPv4, IPv6 or IPv4-mapped IPv6) lies in one of `cidrs`; an empty list allows all. */
export function isAllowedSource(address: string | undefined, cidrs: readonly string[] | undefined): boolean {
  if (cidrs === undefined || cidrs.length === 0) return true;
  if (address === undefined) return false;
  const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  const family = isIP(plain);
  if (family === 0) return false;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [network, bits] = cidr.split('/');
    const networkFamily = isIP(network ?? '');
    if (networkFamily === 0) continue;
    const type = networkFamily === 4 ? 'ipv4' : 'ipv6';
    list.addSubnet(network!, bits === undefined ? (networkFamily === 4 ? 32 : 128) : Number(bits), type);
  }
  return list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}

/** Whether `cidr` is a valid IPv4 or IPv6 address or CIDR block. */
export function isCidr(cidr: string): boolean {
  const [network, bits, extra] = cidr.split('/');
  const family = isIP(network ?? '');
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}

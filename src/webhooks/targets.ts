import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Where webhooks may go. A webhook URL is typed by a manager but fetched by the server, from inside the
 * network it runs in, so an unchecked URL would let anyone with a manager token probe internal services
 * (the cloud's metadata endpoint, a database's HTTP port): server-side request forgery. So:
 *
 * - https only (http when WEBHOOK_ALLOW_HTTP=true, for a receiver on a trusted network or in tests);
 * - no credentials in the URL, no unusual ports below 1024 other than 80 and 443;
 * - the host must not be, or resolve to, a private, loopback, link-local, carrier-grade NAT, multicast,
 *   documentation, unique-local or IPv4-mapped-private address, unless WEBHOOK_ALLOW_PRIVATE_TARGETS=true.
 *
 * The address check runs at registration and again at every connection (`guardedLookup` is the HTTP
 * client's DNS lookup), so a name that later resolves to an internal address (DNS rebinding) is refused
 * at delivery time, on the address actually connected to. Redirects are never followed.
 */

export interface TargetPolicy {
  allowHttp: boolean;
  allowPrivate: boolean;
}

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** True for an address a webhook must not reach without WEBHOOK_ALLOW_PRIVATE_TARGETS. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  // IPv4-mapped (::ffff:10.0.0.1) and IPv4-compatible forms are judged by their IPv4 address.
  const mapped = /^(?:0*:)*:?ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address) ?? /^::(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  return blocked.check(address, 'ipv6');
}

export class TargetError extends Error {}

/** Checks a URL's form; returns it normalised. Throws TargetError with a reason a person can act on. */
export function checkTargetUrl(raw: string, policy: TargetPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new TargetError('The URL is not valid: give a full address such as https://helpdesk.example.com/hooks/support.');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) {
    throw new TargetError(policy.allowHttp ? 'The URL must start with https:// or http://.' : 'The URL must start with https:// (http is allowed only with WEBHOOK_ALLOW_HTTP=true).');
  }
  if (url.username || url.password) throw new TargetError('The URL must not carry a user name or password; the signature authenticates each delivery.');
  if (url.hash) throw new TargetError('The URL must not have a #fragment.');
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  if (port < 1024 && port !== 80 && port !== 443) throw new TargetError(`Port ${port} is not allowed; use 443, 80 or a port from 1024 up.`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!policy.allowPrivate) {
    if (isIP(host) && isPrivateAddress(host)) throw new TargetError(`${host} is a private, loopback or reserved address; webhooks go to public addresses only (WEBHOOK_ALLOW_PRIVATE_TARGETS=true allows it).`);
    if (/^localhost$|\.localhost$|\.local$|\.internal$/i.test(host)) throw new TargetError(`${host} is a local name; webhooks go to public addresses only (WEBHOOK_ALLOW_PRIVATE_TARGETS=true allows it).`);
  }
  if (url.toString().length > 2000) throw new TargetError('The URL is too long (at most 2,000 characters).');
  return url;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A DNS lookup for the HTTP client that refuses private addresses (unless allowed): the check is made on
 * the addresses the connection will actually use.
 */
export function guardedLookup(policy: TargetPolicy) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, options.all ? [] : '');
      const list = addresses as LookupAddress[];
      const refused = policy.allowPrivate ? [] : list.filter((a) => isPrivateAddress(a.address));
      if (refused.length > 0 || list.length === 0) {
        const e = new TargetError(`${hostname} resolves to ${refused.map((a) => a.address).join(', ') || 'no address'}, which webhooks may not reach`) as NodeJS.ErrnoException;
        e.code = 'EWEBHOOKTARGET';
        return callback(e, options.all ? [] : '');
      }
      if (options.all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** The registration-time check of a host name's addresses (the delivery-time one is `guardedLookup`). */
export async function checkTargetAddresses(url: URL, policy: TargetPolicy): Promise<void> {
  if (policy.allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return;
  await new Promise<void>((resolve, reject) => {
    guardedLookup(policy)(host, { all: true }, (err) => {
      if (!err) return resolve();
      reject(err instanceof TargetError ? err : new TargetError(`${host} could not be resolved (${err.code ?? err.message}); check the address.`));
    });
  });
}

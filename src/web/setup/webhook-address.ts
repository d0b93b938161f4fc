import { BlockList, isIP } from "node:net";

/** Addresses that never leave the machine: GitHub can never call them. */
const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addSubnet("0.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");
loopback.addAddress("::", "ipv6");

/** Private, shared and link-local networks: out of github.com's reach, maybe not an Enterprise Server's. */
const privateNetworks = new BlockList();
for (const [network, prefix] of [["10.0.0.0", 8], ["172.16.0.0", 12], ["192.168.0.0", 16], ["169.254.0.0", 16], ["100.64.0.0", 10]] as const) {
  privateNetworks.addSubnet(network, prefix, "ipv4");
}
privateNetworks.addSubnet("fc00::", 7, "ipv6");
privateNetworks.addSubnet("fe80::", 10, "ipv6");

const PRIVATE_NAME = /\.(local|lan|internal|intranet|home\.arpa)$/i;

/** `::ffff:7f00:1` (as URL writes `::ffff:127.0.0.1`) is an IPv4 address in disguise. */
function unmapIpv4(address: string): string {
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!mapped) return address;
  const [high, low] = [parseInt(mapped[1]!, 16), parseInt(mapped[2]!, 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

export type AddressCheck = { ok: true; url: string } | { ok: false; problem: string };

/**
 * Whether GitHub could deliver webhooks to this public address (http(s), no query); the
 * answer is the address without its trailing slash, or why it cannot work. Loopback is always
 * refused; private networks and names only for github.com, since an Enterprise Server inside
 * the same network may well reach them.
 */
export function checkPublicAddress(text: string, options: { enterprise: boolean }): AddressCheck {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, problem: `"${text}" is not a URL. Write the whole address, such as https://senseloop.example.com.` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, problem: "The address must start with https:// (or http://)." };
  if (url.search || url.hash || url.username || url.password) return { ok: false, problem: "The address must not carry a query, a fragment or credentials." };
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const ip = isIP(unmapIpv4(host));
  const address = unmapIpv4(host);
  const unreachable = `GitHub cannot reach ${url.host}: it is`;
  if (host === "localhost" || host.endsWith(".localhost") || (ip !== 0 && loopback.check(address, ip === 4 ? "ipv4" : "ipv6"))) {
    return { ok: false, problem: `${unreachable} this machine's own address. Use the address GitHub can call (a deployment or a tunnel), or a webhook proxy.` };
  }
  if (!options.enterprise) {
    if (ip !== 0 && privateNetworks.check(address, ip === 4 ? "ipv4" : "ipv6")) {
      return { ok: false, problem: `${unreachable} a private network address. Use a public address (a deployment or a tunnel), or a webhook proxy.` };
    }
    if (ip === 0 && (!host.includes(".") || PRIVATE_NAME.test(host))) {
      return { ok: false, problem: `${unreachable} a name only your network knows. Use a public address (a deployment or a tunnel), or a webhook proxy.` };
    }
  }
  return { ok: true, url: url.href.replace(/\/+$/, "") };
}

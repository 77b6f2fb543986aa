import { BlockList, isIP } from "node:net";

// Node's own address matcher rather than a pattern: it also knows the IPv4-mapped IPv6 form of
// 127.0.0.0/8 (`[::ffff:7f00:1]`), and the URL parser has already normalized `127.1` or `0x7f.0.0.1`.
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/**
 * Whether a URL host (as `new URL(…).hostname` gives it) is a loopback address: `localhost`, an address
 * in 127.0.0.0/8, or `::1`. Plain http to such a host never leaves the machine, which is why it is the
 * only place a credential may travel without TLS. Other names (even ones that resolve to 127.0.0.1
 * today) are not loopback: what a name resolves to can change between this check and the request.
 *
 * @param hostname - a URL's hostname; an IPv6 address in brackets as URL gives it.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === "localhost") return true;
  const address = host.replace(/^\[(.*)\]$/, "$1");
  const family = isIP(address);
  if (family === 0) return false;
  return LOOPBACK.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * Why a URL may not carry a credential, as the end of a sentence, or undefined when it may: https to
 * any host, or plain http to a loopback address (the local sandbox). The URL is never repeated.
 *
 * @param url - a parsed endpoint URL.
 */
export function cleartextTransportProblem(url: URL): string | undefined {
  if (url.protocol === "https:") return undefined;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) return undefined;
  return (
    "must use https: plain http is accepted only to a loopback address (127.0.0.0/8, ::1, localhost), " +
    "because the API key or token sent to it would otherwise cross the network in clear text"
  );
}

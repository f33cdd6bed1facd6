/**
 * IP allowlists of API keys: each entry is an IPv4 or IPv6 address or a CIDR block
 * (`10.0.0.0/8`, `2001:db8::/32`). Entries are validated on write and compiled once per cached key
 * into a `net.BlockList`, so a verify checks the caller's address without parsing the list.
 */
import { BlockList, isIP } from 'node:net'

export type ParsedEntry = { address: string; family: 'ipv4' | 'ipv6'; prefix: number }

/** Parses one entry, or null when it is neither an address nor a CIDR block. */
export function parseEntry(entry: string): ParsedEntry | null {
  const text = entry.trim().toLowerCase()
  const slash = text.indexOf('/')
  const address = slash === -1 ? text : text.slice(0, slash)
  const version = isIP(address)
  if (version === 0) return null
  const max = version === 4 ? 32 : 128
  let prefix = max
  if (slash !== -1) {
    const bits = text.slice(slash + 1)
    if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return null
    prefix = Number(bits)
  }
  return { address, family: version === 4 ? 'ipv4' : 'ipv6', prefix }
}

/** The caller's address as a family and text; an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) counts as IPv4. */
export function normaliseIp(ip: string): { address: string; family: 'ipv4' | 'ipv6' } | null {
  let text = ip.trim().toLowerCase()
  if (text.startsWith('::ffff:') && isIP(text.slice(7)) === 4) text = text.slice(7)
  const version = isIP(text)
  if (version === 0) return null
  return { address: text, family: version === 4 ? 'ipv4' : 'ipv6' }
}

/** Compiles a stored allowlist; null when the key has none (every address allowed). */
export function compileAllowlist(entries: string[] | null): BlockList | null {
  if (!entries || entries.length === 0) return null
  const list = new BlockList()
  for (const entry of entries) {
    const parsed = parseEntry(entry)
    if (!parsed) continue // refused on write; an unreadable entry allows nothing
    list.addSubnet(parsed.address, parsed.prefix, parsed.family)
  }
  return list
}

export function ipAllowed(list: BlockList | null, ip: string): boolean {
  if (!list) return true
  const caller = normaliseIp(ip)
  return caller !== null && list.check(caller.address, caller.family)
}

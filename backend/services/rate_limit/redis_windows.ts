/**
 * Sliding windows in Redis, shared by every instance that uses the same Redis and database
 * (`REDIS_URL`). A subject is a hash `<prefix>rl:<subject>` of second → amount; each call is
 * one Lua script (one round trip, atomic in Redis): admit reads the live buckets of every
 * checked subject, drops the ones that left the window, and counts only when all pass; add
 * counts and trims. Hashes expire a window after their last write, so idle subjects vanish.
 *
 * The clock is the caller's (instances keep NTP time; the buckets are a second wide).
 */
import type { Redis } from 'ioredis'
import { BUCKETS, BUCKET_MS, WINDOW_MS, type Admission, type SlidingWindows, type WindowAmount, type WindowCheck } from './windows.js'

/** Sum of the live buckets of KEYS[i], deleting the stale ones; optionally the live buckets themselves. */
const LIVE = `
local function live(key, second, want)
  local flat = redis.call('HGETALL', key)
  local total, buckets, stale = 0, {}, {}
  for i = 1, #flat, 2 do
    local s = tonumber(flat[i])
    local v = tonumber(flat[i + 1])
    if s > second - ${BUCKETS} then
      total = total + v
      if want then buckets[#buckets + 1] = { s, v } end
    else
      stale[#stale + 1] = flat[i]
    end
  end
  if #stale > 0 then redis.call('HDEL', key, unpack(stale)) end
  return total, buckets
end
`

/** ARGV: now, then per key its limit and what to add. Returns {-1, 0} (admitted) or {index, retry_after_ms}. */
const ADMIT = `${LIVE}
local now = tonumber(ARGV[1])
local second = math.floor(now / ${BUCKET_MS})
local worst, wait = -1, -1
for i = 1, #KEYS do
  local limit = tonumber(ARGV[2 * i])
  local total = live(KEYS[i], second, false)
  if total + 1 > limit then
    local _, buckets = live(KEYS[i], second, true)
    table.sort(buckets, function(a, b) return a[1] < b[1] end)
    local remaining, after = total, ${WINDOW_MS}
    for _, b in ipairs(buckets) do
      remaining = remaining - b[2]
      if remaining + 1 <= limit then
        after = math.max(1, (b[1] + ${BUCKETS}) * ${BUCKET_MS} - now)
        break
      end
    end
    if after > wait then worst, wait = i - 1, after end
  end
end
if worst >= 0 then return { worst, wait } end
for i = 1, #KEYS do
  local add = tonumber(ARGV[2 * i + 1])
  if add > 0 then
    redis.call('HINCRBY', KEYS[i], second, add)
    redis.call('PEXPIRE', KEYS[i], ${WINDOW_MS + BUCKET_MS})
  end
end
return { -1, 0 }
`

/** ARGV: now, then per key the amount. Trims a hash once it holds more than two windows of buckets. */
const ADD = `${LIVE}
local now = tonumber(ARGV[1])
local second = math.floor(now / ${BUCKET_MS})
for i = 1, #KEYS do
  redis.call('HINCRBY', KEYS[i], second, ARGV[i + 1])
  redis.call('PEXPIRE', KEYS[i], ${WINDOW_MS + BUCKET_MS})
  if redis.call('HLEN', KEYS[i]) > ${2 * BUCKETS} then live(KEYS[i], second, false) end
end
return 0
`

const COUNT = `${LIVE}
local total = live(KEYS[1], math.floor(tonumber(ARGV[1]) / ${BUCKET_MS}), false)
return total
`

type Scripted = Redis & {
  creditdeskAdmit(keys: number, ...args: Array<string | number>): Promise<[number, number]>
  creditdeskAdd(keys: number, ...args: Array<string | number>): Promise<number>
  creditdeskCount(keys: number, ...args: Array<string | number>): Promise<number>
}

export class RedisWindows implements SlidingWindows {
  #client: Scripted | null = null

  /**
   * @param connect the ioredis client (asked for once, at the first call)
   * @param prefix what every key starts with: the database's identity, so two databases never share counters
   */
  constructor(
    private connect: () => Redis | Promise<Redis>,
    private prefix: () => string | Promise<string>
  ) {}

  #prefixText: string | null = null

  async #ready(): Promise<[Scripted, string]> {
    if (!this.#client) {
      const client = (await this.connect()) as Scripted
      client.defineCommand('creditdeskAdmit', { lua: ADMIT })
      client.defineCommand('creditdeskAdd', { lua: ADD })
      client.defineCommand('creditdeskCount', { lua: COUNT })
      this.#prefixText = `${await this.prefix()}rl:`
      this.#client = client
    }
    return [this.#client, this.#prefixText!]
  }

  async admit(checks: WindowCheck[], now: number): Promise<Admission> {
    const [client, prefix] = this.#client ? [this.#client, this.#prefixText!] : await this.#ready()
    const args: Array<string | number> = checks.map((c) => prefix + c.subject)
    args.push(now)
    for (const c of checks) args.push(c.limit, c.add)
    const [index, retryAfterMs] = await client.creditdeskAdmit(checks.length, ...args)
    return index < 0 ? { ok: true } : { ok: false, index, retryAfterMs }
  }

  async add(amounts: WindowAmount[], now: number) {
    const positive = amounts.filter((a) => a.amount > 0)
    if (!positive.length) return
    const [client, prefix] = await this.#ready()
    await client.creditdeskAdd(positive.length, ...positive.map((a) => prefix + a.subject), now, ...positive.map((a) => Math.round(a.amount)))
  }

  async count(subject: string, now: number) {
    const [client, prefix] = await this.#ready()
    return Number(await client.creditdeskCount(1, prefix + subject, now))
  }

  /** Every counter of this database (tests). */
  async clear() {
    const [client, prefix] = await this.#ready()
    const keys = await client.keys(`${prefix}*`)
    if (keys.length) await client.del(...keys)
  }
}

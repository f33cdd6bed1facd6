/**
 * The in-process cache behind `POST /api/internal/keys/verify`, which sits in front of every API
 * call of the platform. A verify that finds its key and its customer here runs no SQL.
 *
 * - keys: SHA-256 of the key → the key's row, compiled (model set, IP BlockList, caps as bigint);
 *   an unknown hash is remembered too, so guessing keys does not reach the database each time.
 * - customers: id → frozen, spendable balance (cash + gift), what they owe (arrears), each of
 *   their keys' spend today and this month, and their effective RPM/TPM limits.
 *
 * Freshness: a dedicated connection LISTENs on `creditdesk_cache` (cache_listener.ts). The
 * triggers of migration 0051 send `key:<id>` when a key row changes and `customer:<id>` when the
 * customer or one of their ledger balances changes (every charge does, so spend is refreshed with
 * the balance). Nothing is stored while the listener is not listening, every entry also expires
 * after `ttlMs` (a safety net), and a load that raced an invalidation is answered but not kept.
 * The instance that makes a change also drops the key itself at commit (store.ts), without
 * waiting for the round trip.
 */
import type { BlockList } from 'node:net'
import type pg from 'pg'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import creditdesk from '#config/creditdesk'
import type { ApiKeyStatus } from '#contract/usage'
import { fromUnits } from '#services/ledger/amounts'
import { ARREARS } from '#services/ledger/accounts'
import { CacheListener } from './cache_listener.js'
import { compileAllowlist } from './ip_allowlist.js'
import { lastUsed } from './last_used.js'
import { verifyOutcomes } from './verify_outcomes.js'
import { utcDay, utcMonthStart, type KeySpend } from './spend.js'
import type { RateLimits } from '#services/rate_limit/verify_limits'

export type KeyLimits = { rpm: number | null; tpm: number | null; daily_spend_cap: string | null; monthly_spend_cap: string | null; allowed_models: string[] }

export type CachedKey = {
  id: number
  customerId: number
  /** In an organization: the member the key is assigned to (their monthly cap applies). */
  memberId: number | null
  status: ApiKeyStatus
  deleted: boolean
  expiresAt: number | null
  models: Set<string> | null
  ips: BlockList | null
  dailyCap: bigint | null
  monthlyCap: bigint | null
  limits: KeyLimits
}

/**
 * `limits`: the customer's effective RPM/TPM (customers.rpm_limit / tpm_limit; null = unlimited).
 * `spendable`: cash + gift + the cash account's credit limit (a postpaid organization's credit).
 * `suspended`: an overdue bill suspended the account (customers.billing_suspended_at).
 * `memberCaps`: in an organization, each capped active member's cap and the month spend of the
 * keys assigned to them (person id → { cap, month }).
 */
export type CachedCustomer = {
  frozen: boolean
  spendable: bigint
  owed: bigint
  balance: string
  spend: Map<number, KeySpend>
  day: string
  limits: RateLimits
  suspended: boolean
  memberCaps: Map<number, { cap: bigint; month: bigint }>
}

type Stored<T> = { value: T; at: number }

export type CacheStats = { keyHits: number; keyLoads: number; customerHits: number; customerLoads: number; invalidations: number; resets: number }

export type VerifyCacheOptions = {
  ttlMs?: number
  maxEntries?: number
  /** Where loads read (default: the app's connection). */
  client?: () => QueryClientContract
  /** The listener's connection settings (default: the app connection of config/database.ts). */
  connection?: () => pg.ClientConfig
}

function appConnection(): pg.ClientConfig {
  const config = app.config.get<any>('database')
  const settings = config.connections[config.connection].connection
  return typeof settings === 'string' ? { connectionString: settings } : { ...settings }
}

const KEY_SQL = `SELECT id, customer_id, member_id, status, expires_at, allowed_models, ip_allowlist, rpm_limit, tpm_limit,
  daily_spend_cap, monthly_spend_cap, deleted_at FROM api_keys WHERE secret_hash = ?`

/**
 * One round trip: the customer's state, balance, credit, arrears, each key's spend and, in an
 * organization, each capped member's month spend (as text: bigints). A charge changes a balance,
 * so the NOTIFY that follows it refreshes the spend and member figures with the balance.
 */
const CUSTOMER_SQL = `SELECT c.frozen, c.rpm_limit, c.tpm_limit, c.billing_suspended_at IS NOT NULL AS suspended,
  (SELECT coalesce(sum(a.balance), 0) FROM ledger_accounts a
    WHERE a.owner_type = 'customer' AND a.owner_id = c.id AND a.asset = ? AND a.code IN ('cash', 'gift')) AS spendable,
  (SELECT coalesce(sum(a.credit_limit), 0) FROM ledger_accounts a
    WHERE a.owner_type = 'customer' AND a.owner_id = c.id AND a.asset = ? AND a.code = 'cash') AS credit,
  (SELECT coalesce(-sum(a.balance), 0) FROM ledger_accounts a
    WHERE a.owner_type = 'customer' AND a.owner_id = c.id AND a.code = '${ARREARS}') AS owed,
  (SELECT coalesce(json_agg(json_build_array(s.id::text, s.today::text, s.month::text)), '[]'::json) FROM (
     SELECT sp.api_key_id AS id, coalesce(sum(sp.amount) FILTER (WHERE sp.day = ?::date), 0) AS today, sum(sp.amount) AS month
       FROM api_key_spend sp WHERE sp.api_key_id IN (SELECT k.id FROM api_keys k WHERE k.customer_id = c.id) AND sp.day >= ?::date
      GROUP BY sp.api_key_id) s) AS spend,
  (SELECT coalesce(json_agg(json_build_array(m.customer_id::text, m.monthly_spend_cap::text, (
      SELECT coalesce(sum(sp.amount), 0) FROM api_key_spend sp JOIN api_keys k ON k.id = sp.api_key_id
       WHERE k.customer_id = c.id AND k.member_id = m.customer_id AND sp.day >= ?::date)::text)), '[]'::json)
     FROM organization_members m WHERE m.org_id = c.id AND m.status = 'active' AND m.monthly_spend_cap IS NOT NULL) AS member_caps
  FROM customers c WHERE c.id = ?`

function compileKey(row: any): CachedKey {
  const cap = (v: string | null) => (v === null ? null : BigInt(v))
  return {
    id: Number(row.id),
    customerId: Number(row.customer_id),
    memberId: row.member_id === null ? null : Number(row.member_id),
    status: row.status,
    deleted: row.deleted_at !== null,
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at).getTime(),
    models: row.allowed_models?.length ? new Set(row.allowed_models) : null,
    ips: compileAllowlist(row.ip_allowlist),
    dailyCap: cap(row.daily_spend_cap),
    monthlyCap: cap(row.monthly_spend_cap),
    limits: {
      rpm: row.rpm_limit,
      tpm: row.tpm_limit,
      daily_spend_cap: row.daily_spend_cap === null ? null : fromUnits(row.daily_spend_cap),
      monthly_spend_cap: row.monthly_spend_cap === null ? null : fromUnits(row.monthly_spend_cap),
      allowed_models: row.allowed_models ?? [],
    },
  }
}

export class VerifyCache {
  readonly stats: CacheStats = { keyHits: 0, keyLoads: 0, customerHits: 0, customerLoads: 0, invalidations: 0, resets: 0 }
  #keys = new Map<string, Stored<CachedKey | null>>()
  #hashById = new Map<number, string>()
  #customers = new Map<number, Stored<CachedCustomer>>()
  #keyEpoch = 0
  #customerEpoch = 0
  #loadingKeys = new Map<string, Promise<CachedKey | null>>()
  #loadingCustomers = new Map<number, Promise<CachedCustomer>>()
  #listener: CacheListener
  #started: Promise<void> | null = null
  #ttl: number
  #max: number
  #client: () => QueryClientContract

  constructor(options: VerifyCacheOptions = {}) {
    this.#ttl = options.ttlMs ?? 60_000
    this.#max = options.maxEntries ?? 100_000
    this.#client = options.client ?? (() => db.connection())
    this.#listener = new CacheListener(options.connection ?? appConnection, (payload) => this.#heard(payload), () => this.clear())
  }

  /** Starts listening (once); the first verify waits for it, so nothing is cached unheard. */
  start(): Promise<void> {
    this.#started ??= this.#listener.start()
    return this.#started
  }

  get listening() {
    return this.#listener.ready
  }

  async stop() {
    await this.#listener.stop()
    this.clear()
  }

  /** The key whose SHA-256 is `hash`, or null when no key has it. */
  async key(hash: string, now = Date.now()): Promise<CachedKey | null> {
    const stored = this.#keys.get(hash)
    if (stored && now - stored.at < this.#ttl) {
      this.stats.keyHits++
      return stored.value
    }
    let loading = this.#loadingKeys.get(hash)
    if (!loading) {
      loading = this.#loadKey(hash, now).finally(() => this.#loadingKeys.delete(hash))
      this.#loadingKeys.set(hash, loading)
    }
    return loading
  }

  /** A customer's funds and their keys' spend; reloaded when the UTC day has turned. */
  async customer(id: number, now = Date.now()): Promise<CachedCustomer> {
    const stored = this.#customers.get(id)
    if (stored && now - stored.at < this.#ttl && stored.value.day === utcDay(new Date(now))) {
      this.stats.customerHits++
      return stored.value
    }
    let loading = this.#loadingCustomers.get(id)
    if (!loading) {
      loading = this.#loadCustomer(id, now).finally(() => this.#loadingCustomers.delete(id))
      this.#loadingCustomers.set(id, loading)
    }
    return loading
  }

  async #loadKey(hash: string, now: number) {
    this.stats.keyLoads++
    const epoch = this.#keyEpoch
    const { rows } = await this.#client().rawQuery(KEY_SQL, [hash])
    const value = rows[0] ? compileKey(rows[0]) : null
    if (this.#listener.ready && epoch === this.#keyEpoch) {
      this.#makeRoom(this.#keys)
      this.#keys.set(hash, { value, at: now })
      if (value) this.#hashById.set(value.id, hash)
    }
    return value
  }

  async #loadCustomer(id: number, now: number) {
    this.stats.customerLoads++
    const epoch = this.#customerEpoch
    const at = new Date(now)
    const { rows } = await this.#client().rawQuery(CUSTOMER_SQL, [creditdesk.asset, creditdesk.asset, utcDay(at), utcMonthStart(at), utcMonthStart(at), id])
    const row = rows[0]
    const spendable = row ? BigInt(row.spendable) : 0n
    const spend = new Map<number, KeySpend>()
    for (const [keyId, today, month] of row?.spend ?? []) spend.set(Number(keyId), { today: BigInt(today), month: BigInt(month) })
    const memberCaps = new Map<number, { cap: bigint; month: bigint }>()
    for (const [person, cap, month] of row?.member_caps ?? []) memberCaps.set(Number(person), { cap: BigInt(cap), month: BigInt(month) })
    const value: CachedCustomer = {
      frozen: row ? row.frozen : true,
      spendable: spendable + (row ? BigInt(row.credit) : 0n),
      owed: row ? BigInt(row.owed) : 0n,
      balance: fromUnits(spendable),
      spend,
      day: utcDay(at),
      limits: { rpm: row?.rpm_limit ?? null, tpm: row?.tpm_limit == null ? null : Number(row.tpm_limit) },
      suspended: row ? row.suspended : false,
      memberCaps,
    }
    if (this.#listener.ready && epoch === this.#customerEpoch) {
      this.#makeRoom(this.#customers)
      this.#customers.set(id, { value, at: now })
    }
    return value
  }

  #makeRoom(map: Map<unknown, unknown>) {
    if (map.size < this.#max) return
    // the oldest tenth goes (a Map iterates in insertion order)
    let drop = Math.ceil(this.#max / 10)
    for (const key of map.keys()) {
      if (drop-- <= 0) break
      map.delete(key)
    }
  }

  #heard(payload: string) {
    const colon = payload.indexOf(':')
    const id = Number(payload.slice(colon + 1))
    if (!Number.isSafeInteger(id)) return
    const kind = payload.slice(0, colon)
    if (kind === 'key') this.dropKey(id)
    else if (kind === 'customer') this.dropCustomer(id)
  }

  dropKey(id: number) {
    this.stats.invalidations++
    this.#keyEpoch++
    const hash = this.#hashById.get(id)
    if (hash === undefined) return
    this.#hashById.delete(id)
    this.#keys.delete(hash)
  }

  dropCustomer(id: number) {
    this.stats.invalidations++
    this.#customerEpoch++
    this.#customers.delete(id)
  }

  clear() {
    this.stats.resets++
    this.#keyEpoch++
    this.#customerEpoch++
    this.#keys.clear()
    this.#hashById.clear()
    this.#customers.clear()
  }
}

/** This process's cache; listens from the first verify, stops when the app terminates. */
export const verifyCache = new VerifyCache()
let stopRegistered = false
export function startVerifyCache() {
  if (!stopRegistered) {
    stopRegistered = true
    app.terminating(async () => {
      lastUsed.stop()
      await verifyOutcomes.flush()
      await verifyCache.stop()
    })
  }
  return verifyCache.start()
}

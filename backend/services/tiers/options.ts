/**
 * The tiers as enum options for the console (the users list's tier column, filter and tags, the
 * override and negotiated-terms forms): one list, filled from the `tiers` table at boot and again
 * after every tier edit commits, so labels and colours are the table's. The codes are fixed by the
 * migration that created the table (customers.tier refers to them); until the first read the list
 * holds the table's initial rows.
 */
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { EnumOption } from '#contract/meta'
import type { TierRow } from './rows.js'

const option = (t: Pick<TierRow, 'code' | 'color' | 'name' | 'name_zh'>): EnumOption => ({ value: t.code, color: t.color, label: { 'en': t.name, 'zh-CN': t.name_zh } })

/** Mutated in place: declarations hold this very array. */
export const TIER_OPTIONS: EnumOption[] = [
  option({ code: 'free', color: 'default', name: 'Free', name_zh: '免费' }),
  option({ code: 'basic', color: 'blue', name: 'Basic', name_zh: '基础' }),
  option({ code: 'pro', color: 'purple', name: 'Pro', name_zh: '专业' }),
  option({ code: 'enterprise', color: 'gold', name: 'Enterprise', name_zh: '企业' }),
]

export async function refreshTierOptions(client: QueryClientContract = db.connection()) {
  const rows: TierRow[] = await client.from('tiers').orderBy([{ column: 'sort' }, { column: 'recharge_from' }]).select('code', 'color', 'name', 'name_zh')
  if (rows.length) TIER_OPTIONS.splice(0, TIER_OPTIONS.length, ...rows.map(option))
}

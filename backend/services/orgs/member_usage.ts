/**
 * An organization's usage per member over a range (PRD §10 成员级用量穿透): requests, tokens and
 * charges of the keys assigned to each member; keys assigned to no one are one more row.
 */
import db from '@adonisjs/lucid/services/db'
import creditdesk from '#config/creditdesk'
import { fromUnits } from '#services/ledger/amounts'
import { summaryRange, type SummaryInput } from '#services/portal/usage_summary'

const TOKENS = 'u.input_tokens + u.output_tokens + u.cache_read_tokens + u.cache_write_tokens'

export async function usageByMember(orgId: number, input: SummaryInput) {
  const { tz, from, to } = summaryRange(input)
  const { rows } = await db.rawQuery(
    `SELECT k.member_id, count(*) AS requests, coalesce(sum(${TOKENS}), 0) AS tokens, coalesce(sum(u.charged), 0) AS charged
       FROM usage_records u JOIN api_keys k ON k.id = u.api_key_id
      WHERE u.customer_id = ? AND u.started_at >= ? AND u.started_at < ?
      GROUP BY k.member_id`,
    [orgId, from.toJSDate(), to.plus({ days: 1 }).toJSDate()]
  )
  const people = await db
    .from('organization_members as m')
    .join('customers as c', 'c.id', 'm.customer_id')
    .where('m.org_id', orgId)
    .select('m.customer_id', 'm.status', 'm.role', 'c.email', 'c.nickname')
    .orderBy('m.id')
  const byMember = new Map(rows.map((r: any) => [r.member_id === null ? null : Number(r.member_id), r]))
  const figures = (r: any) => ({ requests: Number(r?.requests ?? 0), tokens: Number(r?.tokens ?? 0), charged: fromUnits(r?.charged ?? 0) })
  const seen = new Set<number>()
  const members = people
    .filter((p) => {
      const id = Number(p.customer_id)
      const keep = !seen.has(id) && (p.status === 'active' || byMember.has(id))
      seen.add(id)
      return keep
    })
    .map((p) => ({ member_id: Number(p.customer_id), email: p.email, nickname: p.nickname, role: p.role, active: p.status === 'active', ...figures(byMember.get(Number(p.customer_id))) }))
  return { currency: creditdesk.asset, tz, from: from.toISODate(), to: to.toISODate(), members, unassigned: figures(byMember.get(null)) }
}

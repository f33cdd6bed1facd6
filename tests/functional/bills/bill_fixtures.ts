/** Postpaid organizations with usage in the ledger, and the bill calls tests share. */
import db from '@adonisjs/lucid/services/db'
import { createCustomer } from '#tests/support/fixtures'
import { units } from '#tests/support/ledger'
import { ingest, pricedModel, usageRecord } from '#tests/support/usage_ingest'
import { customerAccount } from '#services/ledger/accounts'
import { SYSTEM_ACTOR } from '#services/audit'
import { NO_REQUEST } from '#services/use_case'
import { transaction } from '#services/transaction'
import { generateBill } from '#services/bills/generate'
import type { Agent } from '#tests/support/agent'

export const BILLS = '/api/admin/bills'

/** A postpaid organization whose cash may run `creditLimit` below zero. */
export async function postpaidOrg(over: Record<string, unknown> = {}, creditLimit = '1000', create = createCustomer) {
  const org = await create({ type: 'organization', org_name: '测试科技有限公司', org_address: '上海市浦东新区 1 号', org_opened_at: new Date(), billing_mode: 'postpaid', tax_rate: '6', bill_discount_rate: '10', ...over })
  const cash = await customerAccount(db.connection(), org.id, 'cash')
  await db.from('ledger_accounts').where('id', cash).update({ credit_limit: units(creditLimit).toString() })
  return org
}

// 1M input + 250k output tokens at 2 and 8 per 1M = 4.000000; cost at 1 and 4 per 1M = 2.000000
export const BIG = { input_tokens: 1_000_000, output_tokens: 250_000 }
// 1,001 input tokens at 2 per 1M = 0.002002 (cost 0.001001)
export const SMALL = { input_tokens: 1001 }

/** Ingests records for the organization on two models; returns the models. */
export async function useModels(orgId: number, plan: Array<{ model: 'a' | 'b'; tokens: Record<string, number> }>) {
  const a = await pricedModel()
  const b = await pricedModel()
  const records = plan.map((p) => usageRecord({ customer_id: orgId, model: (p.model === 'a' ? a : b).model.code, channel: (p.model === 'a' ? a : b).channel.id, ...p.tokens }))
  const reply = await ingest({ records })
  if (reply.status !== 200) throw new Error(`ingest failed: ${reply.status} ${reply.text}`)
  return { a: a.model, b: b.model }
}

/** The period around now (postings of this test fall in it). */
export const aroundNow = () => ({ start: new Date(Date.now() - 86_400_000), end: new Date(Date.now() + 86_400_000) })

/** Generates through the service (the period may include now: the action only bills finished periods). */
export const generate = (orgId: number, period = aroundNow()) => transaction((trx) => generateBill(trx, orgId, period, { actor: SYSTEM_ACTOR, facts: NO_REQUEST }))

export const act = (agent: Agent, billId: number | string, name: string, body: Record<string, unknown> = {}) => agent.post(`${BILLS}/${billId}/actions/${name}`, body)

export const billRow = (id: number | string) => db.from('bills').where('id', id).first()

/** Σ of the organization's own entries on its billable postings since `since`, negated: what the ledger charged. */
export async function ledgerCharged(orgId: number) {
  const row = await db
    .from('ledger_entries as e')
    .join('ledger_accounts as a', 'a.id', 'e.account_id')
    .join('ledger_transactions as t', 't.id', 'e.transaction_id')
    .where('a.owner_type', 'customer')
    .where('a.owner_id', orgId)
    .whereIn('t.type', ['usage_charge', 'usage_capture', 'generation_refund', 'cash_adjustment', 'reversal'])
    .sum('e.amount as s')
    .first()
  return -BigInt(row?.s ?? 0)
}

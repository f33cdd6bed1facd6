/**
 * Records for the invoice and bill-PDF tests, inserted directly: an organization with members of
 * given roles (signed in to the portal), its bills in any state, and an uploaded invoice file.
 */
import db from '@adonisjs/lucid/services/db'
import { randomBytes } from 'node:crypto'
import { Agent } from '#tests/support/agent'
import { createCustomer } from '#tests/support/fixtures'
import { createOrder } from '#tests/support/factories'

export const ORG_NAME = '杭州云栖数据服务有限公司'
export const ORG_ADDRESS = '浙江省杭州市西湖区云栖小镇 88 号'

export async function organization(name = ORG_NAME) {
  return createCustomer({ type: 'organization', org_name: name, org_address: ORG_ADDRESS, org_opened_at: new Date(), billing_mode: 'postpaid' })
}

/** A person who is a member of `org` with `role`, signed in to the portal. */
export async function member(orgId: number, role: 'admin' | 'finance' | 'developer' | 'read_only') {
  const person = await createCustomer({ nickname: `${role} member` })
  await db.table('organization_members').insert({ org_id: orgId, customer_id: person.id, role })
  const agent = await new Agent().loginCustomer(person.email)
  return { person, agent, headers: { 'X-Creditdesk-Org': String(orgId) } }
}

let month = 0

/** A bill of `orgId`: settled and fully paid unless told otherwise (amounts in ledger units). */
export async function bill(orgId: number, over: Record<string, unknown> = {}) {
  const start = new Date(Date.UTC(2020, month++, 1))
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1))
  const [row] = await db
    .table('bills')
    .insert({
      org_id: orgId,
      period_start: start,
      period_end: end,
      cycle: 'monthly',
      currency: 'USD',
      subtotal: 120_000_000,
      total: 120_000_000,
      amount_due: 120_000_000,
      paid: 120_000_000,
      status: 'settled',
      issued_at: end,
      due_at: new Date(end.getTime() + 15 * 86400_000),
      settled_at: end,
      ...over,
    })
    .returning('*')
  await db.table('bill_lines').insert({
    bill_id: row.id,
    position: 1,
    kind: 'usage',
    description: JSON.stringify({ 'en': 'gpt-4o usage', 'zh-CN': 'gpt-4o 用量' }),
    quantity: '1500000',
    unit: 'tokens',
    requests: 3200,
    amount: row.subtotal,
  })
  return { ...row, id: Number(row.id) }
}

/** A paid recharge order of `customerId` (amount in cents). */
export async function paidOrder(customerId: number, cents = 5000, over: Record<string, unknown> = {}) {
  const order = await createOrder(customerId, { status: 'PAID', amount: cents, grant_amount: cents * 10_000, ...over })
  return { ...order, id: Number(order.id) }
}

/** A stored file as the files endpoint leaves it (the bytes are not needed here). */
export async function storedFile(purpose = 'invoice') {
  const [row] = await db
    .table('stored_files')
    .insert({ disk: 'local', key: `test/${randomBytes(8).toString('hex')}.pdf`, purpose, original_name: 'invoice.pdf', mime_type: 'application/pdf', size: 1024, sha256: 'a'.repeat(64) })
    .returning('*')
  return { ...row, id: Number(row.id) }
}

export const invoiceBody = (over: Record<string, unknown> = {}) => ({
  title: ORG_NAME,
  tax_id: '91330106MA2CFX1234',
  invoice_type: 'vat_special',
  email: 'finance@yunqi.example.cn',
  address: ORG_ADDRESS,
  ...over,
})

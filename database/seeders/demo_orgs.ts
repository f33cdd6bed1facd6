/**
 * The demo organization: 星河智能科技有限公司, an enterprise in Shanghai on postpaid terms (credit
 * limit 5,000.00, monthly bills, tax 6 %), verified after a KYC review,
 * with three members — its own account as admin, a finance member and a developer, both joined
 * through the invitation mailed to them — an enterprise contract made from a template and signed
 * online by the admin, API usage on its two keys since the first day of the month before last, and
 * the bills of the two previous calendar months:
 *
 * - the older one issued, sent and settled by a bank transfer that one finance member recorded and
 *   another confirmed (the offline four-eyes rule; a second approver above the limit);
 * - the last one issued and sent, disputed by the finance member on its largest line, the dispute
 *   resolved with a credit note to the wallet, then partly paid by bank transfer.
 *
 * Every step is a use case run as the person who would do it (staff through their console actions,
 * members through the portal's use cases), audited like a request. The usage history is ingested in
 * weekly uploads, each with its own ledger time (facts.ledgerTime), so each month's charges are billed
 * in that month's bill. Deterministic apart from "now"; skipped when the organization's account exists.
 * About 5,400 requests; the whole step adds 2.5–3.5 s to the first boot on 2 busy cores (1 s of it
 * drawing the two seed PDFs, 1 s the usage); the bill PDFs are drawn when asked for.
 */
import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import { SYSTEM_ACTOR, type Actor, type RequestFacts } from '#services/audit'
import { transaction } from '#services/transaction'
import { outbox } from '#services/mail_outbox'
import ingestUsage from '#actions/usage/ingest_usage'
import acceptInvitation from '#actions/orgs/accept_invitation'
import createApiKey from '#actions/api_keys/create_api_key'
import signContract from '#actions/contracts/sign_contract'
import { openDispute } from '#services/bills/disputes'
import { lockBill, outstanding } from '#services/bills/rows'
import { fromUnits } from '#services/ledger/amounts'
import { DEMO_MODELS } from './demo_usage_catalog.js'
import { prng } from './demo_usage_traffic.js'
import { createAsStaff, runStaffAction, staffActor } from './demo_console.js'
import { demoPdf, storeDemoFile } from './demo_org_files.js'

export const DEMO_ORG = {
  name: '星河智能科技有限公司',
  address: '上海市浦东新区张江高科技园区碧波路 690 号 3 号楼 8 层',
  registration: '91310115MA1K4XH27Q',
  creditLimit: '5000.00',
  taxRate: '6',
}

/** The organization's own account (its admin) and the two people invited into it. */
export const DEMO_ORG_PEOPLE = [
  { key: 'admin', email: 'xinghe.admin@demo.local', nickname: '陈星河', role: 'admin' },
  { key: 'finance', email: 'xinghe.finance@demo.local', nickname: '林财务', role: 'finance' },
  { key: 'developer', email: 'xinghe.dev@demo.local', nickname: '王开发', role: 'developer' },
] as const

const SEED = 20261212
const DAY = 86_400_000
const CUSTOMER_FACTS: RequestFacts = { ip: '203.0.113.24', userAgent: 'Mozilla/5.0 (demo seed)', requestId: 'seed' }
const HISTORY_FACTS: RequestFacts = { ip: null, userAgent: 'demo seed', requestId: 'seed' }

const customerActor = (person: { id: number; email: string }): Actor => ({ type: 'customer', id: person.id, label: person.email, role: null })
const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1))
const isoDay = (date: Date) => date.toISOString().slice(0, 10)

/** The two previous calendar months (UTC), oldest first. */
export function demoBillPeriods(now = new Date()) {
  const current = monthStart(now.getUTCFullYear(), now.getUTCMonth())
  const last = monthStart(current.getUTCFullYear(), current.getUTCMonth() - 1)
  const before = monthStart(current.getUTCFullYear(), current.getUTCMonth() - 2)
  return [
    { start: before, end: last },
    { start: last, end: current },
  ]
}

/** The demo organization's row, or undefined before it is seeded. */
export async function demoOrg() {
  return db.from('customers').where('email', DEMO_ORG_PEOPLE[0].email).where('type', 'organization').first()
}

export type DemoOrgSummary = { orgId: number; contractId: number; members: number; requests: number; bills: Array<{ id: number; number: string; status: string }>; seconds: number }

export async function seedDemoOrg(password: string): Promise<DemoOrgSummary | null> {
  if (await db.from('customers').where('email', DEMO_ORG_PEOPLE[0].email).first()) return null
  const started = Date.now()
  const ops = await staffActor('ops@demo.local')
  const finance = await staffActor('finance@demo.local')
  const finance2 = await staffActor('finance2@demo.local')
  const superAdmin = await staffActor('superadmin@demo.local')

  // the three people registered in the portal some months ago
  const passwordHash = await hash.make(password)
  const registered = new Date(started - 120 * DAY)
  const people = await db
    .table('customers')
    .multiInsert(DEMO_ORG_PEOPLE.map((p, i) => ({ email: p.email, nickname: p.nickname, password: passwordHash, type: 'individual', is_developer: p.key === 'developer', created_at: new Date(registered.getTime() + i * 3 * DAY), updated_at: registered })))
    .returning(['id', 'email'])
  const person = Object.fromEntries(DEMO_ORG_PEOPLE.map((p) => [p.key, { id: Number(people.find((r) => r.email === p.email)!.id), email: p.email }])) as Record<(typeof DEMO_ORG_PEOPLE)[number]['key'], { id: number; email: string }>
  const orgId = person.admin.id

  // operations open organization access on the admin's account; finance sets postpaid terms
  await runStaffAction(ops, 'users', 'open_org_access', orgId, {
    org_type: 'enterprise',
    org_name: DEMO_ORG.name,
    org_address: DEMO_ORG.address,
    billing_mode: 'postpaid',
    credit_limit: DEMO_ORG.creditLimit,
    reason: 'Enterprise agreement negotiated (demo)',
  })
  await runStaffAction(finance, 'users', 'set_billing', orgId, {
    billing_mode: 'postpaid',
    credit_limit: DEMO_ORG.creditLimit,
    bill_cycle: 'monthly',
    payment_terms_days: 15,
    overdue_suspend_days: 30,
    tax_rate: DEMO_ORG.taxRate,
    bill_discount_rate: '0',
    reason: 'Monthly bills, 15 days to pay, VAT 6 %',
  })

  // verification: operations file the business licence, another staff member approves
  const licence = await transaction(async (trx) =>
    storeDemoFile(trx, {
      bytes: await demoPdf('营业执照（副本） Business licence (copy)', [
        `名称 Name: ${DEMO_ORG.name}`,
        `统一社会信用代码 Unified social credit code: ${DEMO_ORG.registration}`,
        `住所 Address: ${DEMO_ORG.address}`,
        '类型 Type: 有限责任公司 Limited liability company',
        '演示文件，非真实证照。Demo document, not a real licence.',
      ]),
      name: 'xinghe-business-licence.pdf',
      purpose: 'kyc_document',
      staffId: ops.id!,
    })
  )
  await runStaffAction(ops, 'users', 'submit_kyc', orgId, { legal_name: DEMO_ORG.name, registration_number: DEMO_ORG.registration, document_file_ids: [Number(licence.id)], note: 'Business licence received by email' })
  const review = await db.from('org_kyc_reviews').where({ org_id: orgId, status: 'pending' }).first()
  await runStaffAction(superAdmin, 'org-kyc-reviews', 'approve', Number(review.id), { reason: 'Licence matches the national registry' })

  // members: invited by email, each accepts the link from the portal
  for (const key of ['finance', 'developer'] as const) {
    const who = DEMO_ORG_PEOPLE.find((p) => p.key === key)!
    await runStaffAction(ops, 'users', 'invite_member', orgId, { email: who.email, role: who.role })
    const token = await invitationToken(who.email)
    if (token) await transaction((trx) => acceptInvitation.handle({ token, personId: person[key].id, personEmail: who.email }, { trx, actor: customerActor(person[key]), facts: CUSTOMER_FACTS }))
    else console.warn(`  Demo organization: no invitation mail for ${who.email} in the local outbox (SMTP configured?): the invitation stays pending`)
  }
  const members = await db.from('organization_members').where({ org_id: orgId, status: 'active' }).count('* as n').first()

  // keys: the developer's production key, the admin's batch-analysis key
  const keys = await transaction(async (trx) => {
    const admin = customerActor(person.admin)
    const bot = await createApiKey.handle({ customerId: orgId, memberId: person.developer.id, settings: { name: '客服机器人 Support bot (production)' } }, { trx, actor: customerActor(person.developer), facts: CUSTOMER_FACTS })
    const batch = await createApiKey.handle({ customerId: orgId, memberId: orgId, settings: { name: '数据分析批处理 Analytics batch' } }, { trx, actor: admin, facts: CUSTOMER_FACTS })
    return { bot: Number(bot.row.id), batch: Number(batch.row.id) }
  })

  // contract: from the enterprise template, signed online by the admin
  const periods = demoBillPeriods(new Date(started))
  const contractId = await seedContract(orgId, ops, person.admin, periods[0].start)

  // usage since the first day of the month before last, uploaded weekly, each upload at its own ledger time
  const requests = await seedHistory(orgId, keys, periods[0].start, new Date(started))

  // the two previous months' bills
  const bills = []
  for (const period of periods) {
    const generated = await runStaffAction(finance, 'bills', 'generate', undefined, { org_id: orgId, period_start: period.start.toISOString(), period_end: period.end.toISOString() })
    const billId = Number(generated.result!.bill_id)
    await runStaffAction(finance, 'bills', 'issue', billId)
    await runStaffAction(finance, 'bills', 'send', billId)
    bills.push(billId)
  }
  const [older, last] = bills
  await payOffline(older, 'full', { recorder: finance, approvers: [finance2, superAdmin] })

  // the finance member disputes the largest line of last month's bill; finance credits it
  const line = await db.from('bill_lines').where('bill_id', last).orderBy('amount', 'desc').first()
  const disputed = (BigInt(line.amount) / 10n / 10_000n) * 10_000n // a tenth of the line, in whole cents
  const dispute = await transaction(async (trx) => {
    const bill = await lockBill(trx, last)
    return openDispute(
      trx,
      bill,
      { lineId: Number(line.id), amount: disputed, reason: '批处理任务重试导致重复调用，约一成请求重复计费。Retried batch jobs were billed twice for about a tenth of this line.', customerId: person.finance.id },
      customerActor(person.finance),
      CUSTOMER_FACTS
    )
  })
  await runStaffAction(finance, 'bill-disputes', 'credit', Number(dispute.id), {
    amount: fromUnits(disputed),
    settlement: 'wallet',
    reason: 'Gateway logs confirm the duplicated retries: credited in full. 网关日志确认重试重复计费，全额冲正。',
  })
  await payOffline(last, 'part', { recorder: finance, approvers: [finance2, superAdmin] })

  const rows = await db.from('bills').whereIn('id', bills).orderBy('period_start').select('id', 'number', 'status')
  const seconds = (Date.now() - started) / 1000
  console.log(`  Demo organization: ${DEMO_ORG.name} (${members?.n} members, ${requests.toLocaleString('en-US')} requests, bills ${rows.map((b) => `${b.number} ${b.status}`).join(', ')}) in ${seconds.toFixed(1)} s`)
  return { orgId, contractId, members: Number(members?.n), requests, bills: rows.map((b) => ({ id: Number(b.id), number: b.number, status: b.status })), seconds }
}

/** The invitation link's token from the mail just sent (the local outbox), waiting for the mailer a moment. */
async function invitationToken(email: string) {
  for (let waited = 0; waited < 5000; waited += 50) {
    const mail = outbox.to(email).at(-1)
    const token = mail ? /invitations\/accept\?token=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1] : undefined
    if (token) return token
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return null
}

async function seedContract(orgId: number, ops: Actor, admin: { id: number; email: string }, startsOn: Date) {
  const templateFile = await transaction(async (trx) =>
    storeDemoFile(trx, {
      bytes: await demoPdf('企业 API 服务协议（2026 版） Enterprise API Service Agreement (2026)', [
        '甲方（客户）与乙方（Creditdesk）就 API 调用服务达成如下协议。The Customer and Creditdesk agree on the following terms for API services.',
        '1. 计费：按月出具账单，账单出具后 15 日内付款。Billing: monthly bills, payable within 15 days of issue.',
        '2. 信用额度：乙方给予甲方信用额度，超出部分须预付。Credit: usage beyond the agreed credit limit is prepaid.',
        '3. 争议：对账单明细有异议的，可于付款期限内提出，经核实后以红字冲销（贷项通知单）处理。Disputes on a bill line are raised within the payment terms and settled by a credit note.',
        '4. 有效期：自生效日起一年。Term: one year from the start date.',
      ]),
      name: 'enterprise-api-agreement-2026.pdf',
      purpose: 'contract_template',
      staffId: ops.id!,
    })
  )
  const template = await createAsStaff(ops, 'contract-templates', {
    name: '企业 API 服务协议（2026 版） Enterprise API agreement 2026',
    type: 'enterprise',
    description: 'Standard postpaid terms: monthly bills, 15 days to pay',
    file_id: Number(templateFile.id),
  })
  const expires = new Date(Date.UTC(startsOn.getUTCFullYear() + 1, startsOn.getUTCMonth(), startsOn.getUTCDate() - 1))
  const contract = await createAsStaff(ops, 'contracts', {
    org_id: orgId,
    type: 'enterprise',
    title: `${DEMO_ORG.name} API 服务协议 API service agreement`,
    template_id: Number(template.id),
    signing_method: 'online',
    starts_on: isoDay(startsOn),
    expires_on: isoDay(expires),
  })
  await transaction((trx) => signContract.handle({ contractId: Number(contract.id), customerId: orgId, personId: admin.id, name: '陈星河' }, { trx, actor: customerActor(admin), facts: CUSTOMER_FACTS }))
  return Number(contract.id)
}

/** A bank transfer for a bill (all that is outstanding, or about half), recorded by one finance member and confirmed by others. */
async function payOffline(billId: number, share: 'full' | 'part', staff: { recorder: Actor; approvers: Actor[] }) {
  const bill = await db.from('bills').where('id', billId).first()
  const rest = outstanding(bill)
  const amount = share === 'full' ? rest : (rest / 2n / 10_000n) * 10_000n
  if (amount <= 0n) return
  const reference = `CMB${bill.number.replace(/\D/g, '')}${share === 'full' ? 'F' : 'P'}`
  const recorded = await runStaffAction(staff.recorder, 'bills', 'record_offline_payment', billId, { amount: fromUnits(amount), channel: 'bank_transfer', reference })
  const orderId = Number(recorded.result!.order_id)
  // the recorder may not confirm; above the second-approval limit a second, different approver completes it
  for (const approver of staff.approvers) {
    const order = await db.from('orders').where('id', orderId).first()
    if (order.status !== 'PENDING') break
    await runStaffAction(approver, 'orders', 'confirm', orderId, { reference })
  }
}

type Keys = { bot: number; batch: number }
type DemoRecord = Record<string, unknown> & { started_at: string }
type Mix = { model: string; key: keyof Keys; perDay: number; input?: [number, number]; output?: [number, number]; units?: string }

// the support bot chats all day; the analytics batch runs long prompts on the largest model
const MIX: Mix[] = [
  { model: 'claude-sonnet-4', key: 'bot', perDay: 36, input: [5_000, 14_000], output: [400, 1_400] },
  { model: 'deepseek-v3', key: 'bot', perDay: 18, input: [1_500, 6_000], output: [200, 900] },
  { model: 'gpt-image-1', key: 'bot', perDay: 6, units: '1' },
  { model: 'claude-opus-4', key: 'batch', perDay: 14, input: [18_000, 40_000], output: [1_500, 4_000] },
]

/**
 * The organization's traffic from `from` to two hours before `now`, reported in weekly uploads (a
 * week never spans two months, so each month's charges land in its own bill), each posted with the
 * ledger time of its upload: a minute after its last request ended.
 */
async function seedHistory(orgId: number, keys: Keys, from: Date, now: Date) {
  const random = prng(SEED)
  const between = ([lo, hi]: [number, number]) => lo + Math.floor(random() * (hi - lo))
  const channelOf = (code: string) => (DEMO_MODELS.find((m) => m.code === code)!.channels as string[])[0]
  const until = now.getTime() - 2 * 3_600_000
  let total = 0
  let upload: DemoRecord[] = []
  const send = async () => {
    if (!upload.length) return
    upload.sort((a, b) => a.started_at.localeCompare(b.started_at))
    const ledgerTime = new Date(Math.min(Date.parse(upload.at(-1)!.started_at) + 70_000, until))
    const records = upload
    upload = []
    const reply = await transaction((trx) => ingestUsage.handle({ records }, { trx, actor: SYSTEM_ACTOR, facts: { ...HISTORY_FACTS, ledgerTime } }))
    if (reply.rejected) throw new Error(`demo organization usage: ${reply.rejected} records rejected (${reply.results.find((r) => r.outcome === 'rejected')?.reason})`)
    total += reply.billed
  }
  for (let day = from.getTime(); day < until; day += DAY) {
    const date = new Date(day)
    if (date.getUTCDate() === 1 || date.getUTCDay() === 1) await send()
    const weekday = date.getUTCDay() % 6 !== 0
    for (const mix of MIX) {
      const n = Math.round(mix.perDay * (weekday ? 1 : 0.35) * (0.7 + random() * 0.6))
      for (let i = 0; i < n; i++) {
        const at = day + between([1 * 3_600_000, 23 * 3_600_000])
        if (at > until) continue
        const tokens = mix.units ? { input_tokens: 0, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0, units: mix.units } : { input_tokens: between(mix.input!), output_tokens: between(mix.output!), cache_read_tokens: 0, cache_write_tokens: 0 }
        upload.push({ request_id: `xinghe-${isoDay(date)}-${mix.model}-${i}`, api_key_id: keys[mix.key], customer_id: orgId, model: mix.model, channel: channelOf(mix.model), started_at: new Date(at).toISOString(), latency_ms: between([800, 9_000]), status: 'success', ...tokens })
      }
    }
  }
  await send()
  return total
}

/** The start banner's lines naming the demo organization's portal logins (none when it was not seeded). */
export async function demoOrgBanner(): Promise<string[]> {
  const admin = await db.from('customers').where('email', DEMO_ORG_PEOPLE[0].email).first()
  if (!admin) return []
  return ['', `  Demo organization ${DEMO_ORG.name} (portal, same password)`, ...DEMO_ORG_PEOPLE.map((p) => `    ${p.email.padEnd(28)} ${p.role}`)]
}

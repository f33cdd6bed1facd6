/**
 * Bill and statement PDFs over HTTP: the console (bills:view, users:view) and the portal (the account
 * acted in: bills.view, wallet.view). The PDF's text is read back: the organization's Chinese name
 * and address and the bill's totals appear; every download is audited as an export; another
 * account's bill, a draft, a role without the capability and bad parameters are refused.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { customerAgent, staffAgent } from '#tests/support/agents'
import { auditRows } from '#tests/support/fixtures'
import { pdfText, squeeze } from '#tests/unit/pdf/pdf_text'
import type { Reply } from '#tests/support/agent'
import { Agent } from '#tests/support/agent'
import { ORG_ADDRESS, ORG_NAME, bill, member, organization } from './support.js'

/** GET that keeps the body's bytes (the JSON agent reads text). */
async function download(agent: Agent, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(Agent.base() + path, { headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...headers } })
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), bytes: Buffer.from(await response.arrayBuffer()) }
}

const text = async (bytes: Buffer) => squeeze((await pdfText(bytes)).text.join('\n'))

async function billOfOrg() {
  const org = await organization()
  const issued = await bill(org.id, {
    subtotal: 1_000_000_000,
    discount_rate: '10',
    discount: 100_000_000,
    tax_rate: '6',
    tax: 54_000_000,
    total: 954_000_000,
    amount_due: 954_000_000,
    paid: 400_000_000,
    status: 'partially_paid',
    settled_at: null,
  })
  return { org, issued }
}

test.group('Bill PDF / console', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a bill’s PDF in Chinese: the organization’s name and address and the totals, audited as an export', async ({ assert }) => {
    const { issued } = await billOfOrg()
    const { agent, staff } = await staffAgent('finance')
    const reply = await download(agent, `/api/admin/bills/${issued.id}/pdf?_lang=zh-CN&_tz=Asia/Shanghai`)
    assert.equal(reply.status, 200, reply.bytes.toString())
    assert.equal(reply.type, 'application/pdf')
    assert.include(reply.disposition!, `bill-${issued.number}.pdf`)
    const all = await text(reply.bytes)
    assert.include(all, squeeze(ORG_NAME))
    assert.include(all, squeeze(ORG_ADDRESS))
    assert.include(all, issued.number)
    assert.include(all, '部分支付')
    for (const figure of ['小计US$1,000.00', '折扣(10%)−US$100.00', '税额(6%)US$54.00', '合计US$954.00', '应付金额US$954.00', '已付金额US$400.00', '待付金额US$554.00']) {
      assert.include(all, figure)
    }
    const [row] = await auditRows({ action: 'export', resource: 'bills', record_id: String(issued.id) })
    assert.equal(Number(row.actor_id), staff.id)
    assert.include(JSON.stringify(row.metadata), '"format":"pdf"')
  })

  test('English by default; a role without bills:view, an unknown bill and unknown parameters are refused', async ({ assert }) => {
    const { issued } = await billOfOrg()
    const { agent } = await staffAgent('operations')
    const en = await download(agent, `/api/admin/bills/${issued.id}/pdf`)
    assert.equal(en.status, 200)
    assert.include(await text(en.bytes), 'Outstanding$554.00')
    const { agent: support } = await staffAgent('support')
    assert.equal((await support.get(`/api/admin/bills/${issued.id}/pdf`)).status, 403)
    assert.equal((await agent.get('/api/admin/bills/999999999/pdf')).status, 404)
    assert.equal((await agent.get('/api/admin/bills/abc/pdf')).status, 404)
    assert.equal((await agent.get(`/api/admin/bills/${issued.id}/pdf?format=html`)).status, 422)
    assert.lengthOf(await auditRows({ action: 'export', resource: 'bills', record_id: String(issued.id) }), 1)
  })

  test('a customer’s monthly statement as PDF', async ({ assert }) => {
    const { org } = await billOfOrg()
    const { agent } = await staffAgent('operations')
    const reply = await download(agent, `/api/admin/users/${org.id}/statements/2026-10/pdf?_lang=zh-CN`)
    assert.equal(reply.status, 200)
    const all = await text(reply.bytes)
    assert.include(all, '对账单')
    assert.include(all, squeeze(ORG_NAME))
    assert.include(all, '2026-10-01–2026-10-31')
    assert.equal((await agent.get(`/api/admin/users/${org.id}/statements/2026-13/pdf`)).status, 404)
    assert.lengthOf(await auditRows({ action: 'export', resource: 'users', record_id: String(org.id) }), 1)
  })
})

test.group('Bill PDF / portal', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a finance member downloads the organization’s bill; the same figures as the console', async ({ assert }) => {
    const { org, issued } = await billOfOrg()
    const finance = await member(org.id, 'finance')
    const reply = await download(finance.agent, `/api/portal/bills/${issued.id}/pdf?_lang=en`, finance.headers)
    assert.equal(reply.status, 200)
    assert.equal(reply.type, 'application/pdf')
    const all = await text(reply.bytes)
    assert.include(all, squeeze(ORG_NAME))
    assert.include(all, 'Total$954.00')
    assert.include(all, 'Outstanding$554.00')
    // a link opened without headers names the organization with _org
    assert.equal((await download(finance.agent, `/api/portal/bills/${issued.id}/pdf?_org=${org.id}`)).status, 200)
    const [row] = await auditRows({ action: 'export', resource: 'bills', record_id: String(issued.id) })
    assert.equal(row.actor_type, 'customer')
    assert.equal(Number(row.actor_id), finance.person.id)
  })

  test('another organization’s bill, a draft, one’s own account and a role without bills.view are refused', async ({ assert }) => {
    const { org, issued } = await billOfOrg()
    const draft = await bill(org.id, { status: 'draft', issued_at: null, paid: 0, settled_at: null })
    const other = await organization('别家公司')
    const stranger = await member(other.id, 'admin')
    const finance = await member(org.id, 'finance')
    const developer = await member(org.id, 'developer')
    assert.equal((await stranger.agent.get(`/api/portal/bills/${issued.id}/pdf`, stranger.headers)).status, 404)
    assert.equal((await stranger.agent.get(`/api/portal/bills/${issued.id}/pdf`, { 'X-Creditdesk-Org': String(org.id) })).status, 404)
    assert.equal((await finance.agent.get(`/api/portal/bills/${draft.id}/pdf`, finance.headers)).status, 404)
    assert.equal((await finance.agent.get(`/api/portal/bills/${issued.id}/pdf`)).status, 404)
    assert.equal((await developer.agent.get(`/api/portal/bills/${issued.id}/pdf`, developer.headers)).status, 403)
    const anonymous: Reply = await new Agent().get(`/api/portal/bills/${issued.id}/pdf`)
    assert.equal(anonymous.status, 401)
    assert.lengthOf(await auditRows({ action: 'export', resource: 'bills', record_id: String(issued.id) }), 0)
  })

  test('a prepaid customer downloads their own monthly statement; the statement needs wallet.view', async ({ assert }) => {
    const { customer, agent } = await customerAgent({ nickname: '李雷', time_zone: 'Asia/Shanghai' })
    const reply = await download(agent, '/api/portal/statements/2026-11/pdf?_lang=zh-CN')
    assert.equal(reply.status, 200)
    assert.include(reply.disposition!, 'statement-')
    const all = await text(reply.bytes)
    assert.include(all, '对账单')
    assert.include(all, '李雷')
    assert.include(all, customer.email)
    assert.include(all, '时间按Asia/Shanghai时区') // the customer's own zone
    const org = await organization()
    const developer = await member(org.id, 'developer')
    assert.equal((await developer.agent.get('/api/portal/statements/2026-11/pdf', developer.headers)).status, 403)
    assert.equal((await agent.get('/api/portal/statements/november/pdf')).status, 404)
  })
})

import { rm } from 'node:fs/promises'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import jobs from '#services/jobs'
import { expireDueContracts } from '#services/contracts/expire'
import { auditRows } from '#tests/support/fixtures'
import { staffAgent } from '#tests/support/agents'
import { createContract, newFile, organization } from '../files/support.js'

const today = () => new Date().toISOString().slice(0, 10)
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

test.group('Contracts / online signing in the portal', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())
  group.teardown(() => rm(app.makePath('.data', 'files-test'), { recursive: true, force: true }))

  test('the organization admin signs (name, time, IP recorded); finance is refused; a second signature is 409', async ({ assert }) => {
    const ops = await staffAgent('operations')
    const acme = await organization()
    const contract = await createContract(ops.agent, acme.org.id, { file_id: await newFile(ops.agent) })
    const path = `/api/portal/contracts/${contract.id}/sign`

    const list = await acme.members.finance.agent.get('/api/portal/contracts', acme.header)
    assert.equal(list.status, 200)
    assert.deepEqual(list.body.map((c: any) => [c.id, c.status, c.can_sign]), [[contract.id, 'pending_signature', false]])
    assert.equal(list.body[0].file.mime_type, 'application/pdf')

    const finance = await acme.members.finance.agent.post(path, { name: 'Fin Ance', accept: true }, acme.header)
    assert.equal(finance.status, 403)
    const notAccepted = await acme.members.admin.agent.post(path, { name: 'Ada Admin', accept: false }, acme.header)
    assert.equal(notAccepted.status, 422)
    const extra = await acme.members.admin.agent.post(path, { name: 'Ada Admin', accept: true, status: 'voided' }, acme.header)
    assert.equal(extra.status, 422)
    assert.equal((await db.from('contracts').where('id', contract.id).first()).status, 'pending_signature')

    const signed = await acme.members.admin.agent.post(path, { name: 'Ada Admin', accept: true }, acme.header)
    assert.equal(signed.status, 200, JSON.stringify(signed.body))
    assert.equal(signed.body.status, 'active')
    const row = await db.from('contracts').where('id', contract.id).first()
    assert.equal(row.signed_by_name, 'Ada Admin')
    assert.equal(Number(row.signed_by_customer_id), acme.members.admin.customer.id)
    assert.isNotNull(row.signed_at)
    assert.match(String(row.signed_ip), /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/)
    const [audited] = await auditRows({ action: 'sign', resource: 'contracts', record_id: String(contract.id) })
    assert.equal(audited.actor_id, acme.members.admin.customer.id)

    const again = await acme.members.admin.agent.post(path, { name: 'Ada Admin', accept: true }, acme.header)
    assert.equal(again.status, 409)
    assert.lengthOf(await auditRows({ action: 'sign', resource: 'contracts' }), 1)
  })

  test('only online contracts awaiting signature of the acting organization can be signed', async ({ assert }) => {
    const ops = await staffAgent('operations')
    const acme = await organization('Acme')
    const globex = await organization('Globex')
    const offline = await createContract(ops.agent, acme.org.id, { file_id: await newFile(ops.agent), signing_method: 'offline' })
    const online = await createContract(ops.agent, acme.org.id, { file_id: await newFile(ops.agent) })
    const sign = (who: any, id: number, headers: Record<string, string>) => who.agent.post(`/api/portal/contracts/${id}/sign`, { name: 'Signer', accept: true }, headers)
    assert.equal((await sign(acme.members.admin, offline.id, acme.header)).status, 409)
    // another organization's admin, in their organization or naming Acme
    assert.equal((await sign(globex.members.admin, online.id, globex.header)).status, 404)
    assert.equal((await sign(globex.members.admin, online.id, acme.header)).status, 404)
    // acting in one's own account is not acting in the organization
    assert.equal((await sign(acme.members.admin, online.id, {})).status, 404)
    // voided, and past its last day
    await ops.agent.post(`/api/admin/contracts/${online.id}/actions/void`, { reason: 'replaced by a new draft' })
    assert.equal((await sign(acme.members.admin, online.id, acme.header)).status, 409)
    const ended = await createContract(ops.agent, acme.org.id, { file_id: await newFile(ops.agent), starts_on: '2025-01-01', expires_on: daysFromToday(-1) })
    assert.equal((await sign(acme.members.admin, ended.id, acme.header)).status, 409)
    assert.lengthOf(await auditRows({ action: 'sign', resource: 'contracts' }), 0)
  })
})

test.group('Contracts / expiry job', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())
  group.teardown(() => rm(app.makePath('.data', 'files-test'), { recursive: true, force: true }))

  test('active contracts past their last day expire once, audited; running again changes nothing', async ({ assert }) => {
    const ops = await staffAgent('operations')
    const { org } = await organization()
    const make = async (expiresOn: string, status: string) => {
      const contract = await createContract(ops.agent, org.id, { file_id: await newFile(ops.agent), starts_on: '2025-01-01', expires_on: expiresOn })
      if (status === 'active') await db.from('contracts').where('id', contract.id).update({ status: 'active', signed_at: new Date() })
      return contract.id as number
    }
    const pastActive = await make(daysFromToday(-1), 'active')
    const lastDayToday = await make(today(), 'active')
    const pastPending = await make(daysFromToday(-3), 'pending_signature')

    await jobs.run('contracts-expire')
    const status = async (id: number) => (await db.from('contracts').where('id', id).first()).status
    assert.equal(await status(pastActive), 'expired')
    assert.equal(await status(lastDayToday), 'active')
    assert.equal(await status(pastPending), 'pending_signature')
    const rows = await auditRows({ action: 'expire', resource: 'contracts' })
    assert.deepEqual(rows.map((r) => [r.record_id, r.actor_type]), [[String(pastActive), 'system']])

    assert.equal(await expireDueContracts(), 0)
    assert.lengthOf(await auditRows({ action: 'expire', resource: 'contracts' }), 1)
    // tomorrow, today's last day is over
    assert.equal(await expireDueContracts(daysFromToday(1)), 1)
    assert.equal(await status(lastDayToday), 'expired')
  })
})

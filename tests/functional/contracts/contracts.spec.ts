import { rm } from 'node:fs/promises'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { auditRows, createCustomer } from '#tests/support/fixtures'
import { staffAgent } from '#tests/support/agents'
import { PDF, createContract, newFile, organization, sha256, upload } from '../files/support.js'

const versions = (contractId: number) => db.from('contract_versions').where('contract_id', contractId).orderBy('version')
const action = (agent: any, id: number, name: string, body: Record<string, unknown> = {}) => agent.post(`/api/admin/contracts/${id}/actions/${name}`, body)

async function templateFixture(agent: any, type = 'enterprise') {
  const bytes = PDF('template')
  const file = await upload(agent, '/api/admin/files', { purpose: 'contract_template', bytes, name: 'enterprise.docx.pdf' })
  const reply = await agent.post('/api/admin/contract-templates', { name: 'Enterprise terms', type, file_id: file.body.id })
  if (reply.status !== 201) throw new Error(reply.text)
  return { template: reply.body, bytes }
}

test.group('Contracts / create and versions', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())
  group.teardown(() => rm(app.makePath('.data', 'files-test'), { recursive: true, force: true }))

  test('from a template: the template file is copied as the draft (version 1), the contract awaits signature', async ({ assert }) => {
    const { agent } = await staffAgent('operations')
    const { template, bytes } = await templateFixture(agent)
    const { org } = await organization()
    const contract = await createContract(agent, org.id, { template_id: template.id })
    assert.equal(contract.status, 'pending_signature')
    assert.match(contract.number, /^CT\d{6}-\d{6}$/)
    assert.notEqual(contract.file_id, template.file_id)
    const copy = await db.from('stored_files').where('id', contract.file_id).first()
    const original = await db.from('stored_files').where('id', template.file_id).first()
    assert.equal(copy.purpose, 'contract')
    assert.equal(copy.sha256, sha256(bytes))
    assert.equal(copy.sha256, original.sha256)
    assert.notEqual(copy.key, original.key)
    const rows = await versions(contract.id)
    assert.deepEqual(rows.map((v) => [v.version, Number(v.file_id), v.kind]), [[1, contract.file_id, 'draft']])
    assert.lengthOf(await auditRows({ action: 'create', resource: 'contracts', record_id: String(contract.id) }), 1)
  })

  test('create refuses what cannot be a contract (422, nothing written)', async ({ assert }) => {
    const { agent } = await staffAgent('operations')
    const { template } = await templateFixture(agent, 'dev_org')
    const { org } = await organization()
    const person = await createCustomer()
    const fileId = await newFile(agent)
    const templateFile = await newFile(agent, 'contract_template')
    const base = { org_id: org.id, type: 'enterprise', title: 'T', signing_method: 'online', starts_on: '2026-01-01', expires_on: '2026-12-31' }
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, org_id: person.id, file_id: fileId }, 'org_id'],
      [{ ...base }, 'file_id'],
      [{ ...base, file_id: fileId, template_id: template.id }, 'file_id'],
      [{ ...base, template_id: template.id }, 'template_id'],
      [{ ...base, file_id: templateFile }, 'file_id'],
      [{ ...base, file_id: 99999999 }, 'file_id'],
      [{ ...base, file_id: fileId, expires_on: '2025-12-31' }, 'expires_on'],
      [{ ...base, file_id: fileId, status: 'active' }, 'status'],
    ]
    for (const [body, field] of cases) {
      const reply = await agent.post('/api/admin/contracts', body)
      assert.equal(reply.status, 422, `${field}: ${reply.text}`)
      assert.equal(reply.body.errors?.[0]?.field, field, reply.text)
    }
    assert.equal(Number((await db.from('contracts').count('* as n').first())!.n), 0)
    assert.equal(Number((await db.from('contract_versions').count('* as n').first())!.n), 0)
  })

  test('replace keeps the previous file as a version; an attached file cannot be used again', async ({ assert }) => {
    const { agent } = await staffAgent('operations')
    const { org } = await organization()
    const first = await newFile(agent)
    const contract = await createContract(agent, org.id, { file_id: first })
    const second = await newFile(agent)
    const noReason = await action(agent, contract.id, 'replace', { file_id: second })
    assert.equal(noReason.status, 422)
    const replaced = await action(agent, contract.id, 'replace', { file_id: second, reason: 'Corrected the fee schedule' })
    assert.equal(replaced.status, 200, replaced.text)
    assert.equal(replaced.body.record.version, 2)
    assert.equal(replaced.body.record.file_id, second)
    const rows = await versions(contract.id)
    assert.deepEqual(rows.map((v) => [v.version, Number(v.file_id), v.kind, v.reason]), [
      [1, first, 'draft', null],
      [2, second, 'replacement', 'Corrected the fee schedule'],
    ])
    // the same upload again, here or on another contract
    assert.equal((await action(agent, contract.id, 'replace', { file_id: first, reason: 'back to the first' })).status, 409)
    const other = await createContract(agent, org.id, { file_id: await newFile(agent) })
    assert.equal((await action(agent, other.id, 'replace', { file_id: second, reason: 'borrowing' })).status, 409)
    assert.equal((await agent.post('/api/admin/contracts', { org_id: org.id, type: 'enterprise', title: 'x', signing_method: 'online', starts_on: '2026-01-01', expires_on: '2027-01-01', file_id: first })).status, 409)
    // the contract-versions resource lists them for the contract
    const listed = await agent.get(`/api/admin/contract-versions?contract_id=${contract.id}&_sort=version&_order=asc`)
    assert.deepEqual(listed.body.map((v: any) => v.file_id), [first, second])
    const [audited] = await auditRows({ action: 'replace', resource: 'contracts', record_id: String(contract.id) })
    assert.equal(audited.reason, 'Corrected the fee schedule')
  })

  test('offline signing: staff upload the signed scan → active; not for online contracts, not twice', async ({ assert }) => {
    const { agent, staff } = await staffAgent('operations')
    const { org } = await organization()
    const offline = await createContract(agent, org.id, { file_id: await newFile(agent), signing_method: 'offline' })
    const scan = await newFile(agent)
    const signed = await action(agent, offline.id, 'upload_signed', { file_id: scan })
    assert.equal(signed.status, 200, signed.text)
    assert.equal(signed.body.record.status, 'active')
    assert.equal(signed.body.record.signed_by_staff_id, staff.id)
    assert.equal(signed.body.record.file_id, scan)
    assert.deepEqual((await versions(offline.id)).map((v) => v.kind), ['draft', 'signed_scan'])
    assert.equal((await action(agent, offline.id, 'upload_signed', { file_id: await newFile(agent) })).status, 409)
    const online = await createContract(agent, org.id, { file_id: await newFile(agent) })
    assert.equal((await action(agent, online.id, 'upload_signed', { file_id: await newFile(agent) })).status, 409)
  })

  test('void: a reason is required; only a contract awaiting signature or active; never twice', async ({ assert }) => {
    const { agent, staff } = await staffAgent('operations')
    const { org } = await organization()
    const contract = await createContract(agent, org.id, { file_id: await newFile(agent) })
    assert.equal((await action(agent, contract.id, 'void', {})).status, 422)
    const voided = await action(agent, contract.id, 'void', { reason: 'Signed the wrong entity' })
    assert.equal(voided.status, 200, voided.text)
    assert.equal(voided.body.record.status, 'voided')
    assert.equal(voided.body.record.void_reason, 'Signed the wrong entity')
    assert.equal(voided.body.record.voided_by, staff.id)
    assert.equal((await action(agent, contract.id, 'void', { reason: 'again' })).status, 409)
    assert.equal((await action(agent, contract.id, 'replace', { file_id: await newFile(agent), reason: 'after void' })).status, 409)
    const expired = await createContract(agent, org.id, { file_id: await newFile(agent) })
    await db.from('contracts').where('id', expired.id).update({ status: 'expired', signed_at: new Date(), expired_at: new Date() })
    assert.equal((await action(agent, expired.id, 'void', { reason: 'too late' })).status, 409)
  })

  test('renew: a new contract linked both ways, from the template; once only; not before signing', async ({ assert }) => {
    const { agent } = await staffAgent('operations')
    const { template } = await templateFixture(agent)
    const { org } = await organization()
    const old = await createContract(agent, org.id, { template_id: template.id, signing_method: 'offline', expires_on: '2026-12-31' })
    assert.equal((await action(agent, old.id, 'renew', { starts_on: '2027-01-01', expires_on: '2027-12-31' })).status, 409)
    await action(agent, old.id, 'upload_signed', { file_id: await newFile(agent) })
    const renewed = await action(agent, old.id, 'renew', { starts_on: '2027-01-01', expires_on: '2027-12-31' })
    assert.equal(renewed.status, 200, renewed.text)
    const created = await db.from('contracts').where('id', renewed.body.result.contract_id).first()
    assert.equal(Number(created.renewed_from_id), old.id)
    assert.equal(Number(renewed.body.record.renewed_to_id), Number(created.id))
    assert.equal(created.status, 'pending_signature')
    assert.equal(created.signing_method, 'offline')
    assert.equal(Number(created.org_id), org.id)
    const copy = await db.from('stored_files').where('id', created.file_id).first()
    assert.equal(copy.sha256, (await db.from('stored_files').where('id', template.file_id).first()).sha256)
    assert.equal((await action(agent, old.id, 'renew', { starts_on: '2028-01-01', expires_on: '2028-12-31' })).status, 409)
    assert.lengthOf(await auditRows({ action: 'create', resource: 'contracts', record_id: String(created.id) }), 1)
    // a renewal awaiting signature cannot itself be renewed yet
    assert.equal((await action(agent, Number(created.id), 'renew', { starts_on: '2028-01-01', expires_on: '2028-12-31' })).status, 409)
  })

  test('permissions: finance and support view contracts but cannot change them', async ({ assert }) => {
    const ops = await staffAgent('operations')
    const { org } = await organization()
    const contract = await createContract(ops.agent, org.id, { file_id: await newFile(ops.agent) })
    for (const role of ['finance', 'support']) {
      const { agent } = await staffAgent(role)
      assert.equal((await agent.get(`/api/admin/contracts/${contract.id}`)).status, 200)
      assert.equal((await action(agent, contract.id, 'void', { reason: 'not mine to void' })).status, 403)
      assert.equal((await agent.post('/api/admin/contracts', {})).status, 403)
    }
    assert.equal((await db.from('contracts').where('id', contract.id).first()).status, 'pending_signature')
  })
})

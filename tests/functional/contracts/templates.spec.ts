import { rm } from 'node:fs/promises'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { auditRows } from '#tests/support/fixtures'
import { staffAgent } from '#tests/support/agents'
import { newFile, organization } from '../files/support.js'

const templateVersions = (id: number) => db.from('contract_template_versions').where('template_id', id).orderBy('version')

test.group('Contracts / templates', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())
  group.teardown(() => rm(app.makePath('.data', 'files-test'), { recursive: true, force: true }))

  test('upload, replace (the earlier file kept as a version), delete softly with a reason', async ({ assert }) => {
    const { agent } = await staffAgent('operations')
    const first = await newFile(agent, 'contract_template')
    const created = await agent.post('/api/admin/contract-templates', { name: 'Developer organization terms', type: 'dev_org', file_id: first })
    assert.equal(created.status, 201, created.text)
    assert.equal(created.body.version, 1)
    assert.equal(created.body.status, 'active')
    const id = created.body.id

    const second = await newFile(agent, 'contract_template')
    const replaced = await agent.post(`/api/admin/contract-templates/${id}/actions/replace`, { file_id: second, reason: 'New liability clause' })
    assert.equal(replaced.status, 200, replaced.text)
    assert.equal(replaced.body.record.file_id, second)
    assert.deepEqual((await templateVersions(id)).map((v) => [v.version, Number(v.file_id), v.reason]), [
      [1, first, null],
      [2, second, 'New liability clause'],
    ])
    // a template file is not a contract file, and an attached one is not reusable
    assert.equal((await agent.post(`/api/admin/contract-templates/${id}/actions/replace`, { file_id: await newFile(agent, 'contract'), reason: 'wrong kind' })).status, 422)
    assert.equal((await agent.post(`/api/admin/contract-templates/${id}/actions/replace`, { file_id: first, reason: 'the old one' })).status, 409)

    assert.equal((await agent.post(`/api/admin/contract-templates/${id}/actions/delete`, {})).status, 422)
    const deleted = await agent.post(`/api/admin/contract-templates/${id}/actions/delete`, { reason: 'Superseded' })
    assert.equal(deleted.status, 200, deleted.text)
    assert.equal(deleted.body.record.status, 'deleted')
    assert.isNotNull(deleted.body.record.deleted_at)
    assert.equal((await agent.post(`/api/admin/contract-templates/${id}/actions/delete`, { reason: 'again' })).status, 409)
    assert.equal((await agent.post(`/api/admin/contract-templates/${id}/actions/replace`, { file_id: await newFile(agent, 'contract_template'), reason: 'too late' })).status, 409)
    const [audited] = await auditRows({ action: 'delete', resource: 'contract-templates', record_id: String(id) })
    assert.equal(audited.reason, 'Superseded')

    // a deleted template is no starting point; its files stay readable
    const { org } = await organization()
    const contract = await agent.post('/api/admin/contracts', { org_id: org.id, type: 'dev_org', title: 'X', signing_method: 'online', starts_on: '2026-01-01', expires_on: '2027-01-01', template_id: id })
    assert.equal(contract.status, 422)
    assert.equal((await agent.get(`/api/admin/files/${first}/link`)).status, 200)
  })

  test('create refuses a missing, foreign-purpose or attached file', async ({ assert }) => {
    const { agent } = await staffAgent('operations')
    const file = await newFile(agent, 'contract_template')
    assert.equal((await agent.post('/api/admin/contract-templates', { name: 'A', type: 'enterprise' })).status, 422)
    assert.equal((await agent.post('/api/admin/contract-templates', { name: 'A', type: 'enterprise', file_id: await newFile(agent, 'contract') })).status, 422)
    assert.equal((await agent.post('/api/admin/contract-templates', { name: 'A', type: 'enterprise', file_id: 'abc' })).status, 422)
    assert.equal((await agent.post('/api/admin/contract-templates', { name: 'A', type: 'enterprise', file_id: file })).status, 201)
    assert.equal((await agent.post('/api/admin/contract-templates', { name: 'B', type: 'enterprise', file_id: file })).status, 409)
    assert.equal(Number((await db.from('contract_templates').count('* as n').first())!.n), 1)
    const finance = await staffAgent('finance')
    assert.equal((await finance.agent.post('/api/admin/contract-templates', { name: 'C', type: 'enterprise', file_id: file })).status, 403)
  })
})

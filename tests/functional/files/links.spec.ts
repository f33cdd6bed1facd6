import { rm } from 'node:fs/promises'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { signedLink } from '#services/files/links'
import { auditRows, createStaff } from '#tests/support/fixtures'
import { Agent } from '#tests/support/agent'
import { staffAgent } from '#tests/support/agents'
import { PDF, createContract, fetchBytes, operationsWithFile, organization } from './support.js'

/** An organization with a contract drafted from an upload, and the staff member who made it. */
async function contractFixture() {
  const bytes = PDF('terms')
  const ops = await operationsWithFile(bytes)
  const acme = await organization('Acme')
  const contract = await createContract(ops.agent, acme.org.id, { file_id: ops.fileId })
  return { ops, acme, contract, bytes }
}

test.group('Files / links and downloads', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())
  group.teardown(() => rm(app.makePath('.data', 'files-test'), { recursive: true, force: true }))

  test('staff with view on the contract get a 10-minute link; the download serves the bytes once checked, both audited', async ({ assert }) => {
    const { contract, bytes } = await contractFixture()
    const finance = await staffAgent('finance')
    const reply = await finance.agent.get(`/api/admin/files/${contract.file_id}/link`)
    assert.equal(reply.status, 200, reply.text)
    const left = new Date(reply.body.expires_at).getTime() - Date.now()
    assert.isAbove(left, 590_000)
    assert.isBelow(left, 601_000)
    const download = await fetchBytes(finance.agent, reply.body.url)
    assert.equal(download.status, 200)
    assert.deepEqual(download.bytes, bytes)
    assert.equal(download.headers.get('content-type'), 'application/pdf')
    assert.match(download.headers.get('content-disposition')!, /^attachment; filename="draft.pdf"/)
    assert.lengthOf(await auditRows({ action: 'file.link', record_id: String(contract.file_id), actor_id: finance.staff.id }), 1)
    assert.lengthOf(await auditRows({ action: 'file.download', record_id: String(contract.file_id), actor_id: finance.staff.id }), 1)
  })

  test('staff without view on the owning record: 403 on the link (audited) and on a link made earlier', async ({ assert }) => {
    const { contract } = await contractFixture()
    const [role] = await db.table('roles').insert({ name: 'no_contracts', label: 'No contracts' }).returning('*')
    await db.table('role_permissions').insert({ role_id: role.id, resource: 'users', action: 'view' })
    const staff = await createStaff('auditor', { role_id: role.id })
    const agent = await new Agent().loginStaff(staff.email)
    const reply = await agent.get(`/api/admin/files/${contract.file_id}/link`)
    assert.equal(reply.status, 403)
    assert.lengthOf(await auditRows({ action: 'access.denied', actor_id: staff.id, resource: 'files' }), 1)
    // a link signed for this person (e.g. before the role lost the permission) still asks the role
    const earlier = signedLink(contract.file_id, { audience: 'staff', subjectId: staff.id })
    assert.equal((await fetchBytes(agent, earlier.url)).status, 403)
    assert.equal((await agent.get('/api/admin/files/99999999/link')).status, 404)
  })

  test('tampered, foreign, expired and sessionless links are refused', async ({ assert }) => {
    const { contract, ops } = await contractFixture()
    const { url } = signedLink(contract.file_id, { audience: 'staff', subjectId: ops.staff.id })
    const tampered = url.replace(/signature=([^&]+)/, (_m, s) => `signature=${s.slice(0, -2)}xx`)
    assert.equal((await fetchBytes(ops.agent, tampered)).status, 404)
    // another file id, another audience or subject under the same signature
    assert.equal((await fetchBytes(ops.agent, url.replace(`/api/files/${contract.file_id}/`, `/api/files/${contract.file_id + 1}/`))).status, 404)
    assert.equal((await fetchBytes(ops.agent, url.replace('aud=staff', 'aud=customer'))).status, 404)
    // someone else's session with the operator's link
    const other = await staffAgent('operations')
    assert.equal((await fetchBytes(other.agent, url)).status, 404)
    // no session at all
    assert.equal((await fetchBytes(new Agent(), url)).status, 401)
    const expired = signedLink(contract.file_id, { audience: 'staff', subjectId: ops.staff.id }, 1)
    await new Promise((resolve) => setTimeout(resolve, 1200))
    const gone = await fetchBytes(ops.agent, expired.url)
    assert.equal(gone.status, 410)
    assert.lengthOf(await auditRows({ action: 'file.download', record_id: String(contract.file_id) }), 0)
    assert.equal((await fetchBytes(ops.agent, url)).status, 200)
  })

  test('customers read the files of their own organization only', async ({ assert }) => {
    const { contract, acme, bytes } = await contractFixture()
    const other = await organization('Globex')
    // a member of the organization: the portal's link, then the download with the same session
    const link = await acme.members.read_only.agent.get(`/api/portal/contracts/${contract.id}/link`, acme.header)
    assert.equal(link.status, 200, link.text)
    const download = await fetchBytes(acme.members.read_only.agent, link.body.url)
    assert.equal(download.status, 200)
    assert.deepEqual(download.bytes, bytes)
    const generic = await acme.members.finance.agent.get(`/api/portal/files/${contract.file_id}/link`, acme.header)
    assert.equal(generic.status, 200)
    // another organization's admin: 404 by contract id and by file id, in either account
    for (const headers of [other.header, {}]) {
      assert.equal((await other.members.admin.agent.get(`/api/portal/contracts/${contract.id}/link`, headers)).status, 404)
      assert.equal((await other.members.admin.agent.get(`/api/portal/files/${contract.file_id}/link`, headers)).status, 404)
    }
    assert.notInclude(JSON.stringify((await other.members.admin.agent.get('/api/portal/contracts', other.header)).body), contract.number)
    // naming Acme without being its member
    assert.equal((await other.members.admin.agent.get(`/api/portal/contracts/${contract.id}/link`, acme.header)).status, 404)
    // Acme's link opened by someone else
    assert.equal((await fetchBytes(other.members.admin.agent, link.body.url)).status, 404)
    // a member removed after the link was made
    const removed = acme.members.read_only
    await db.from('organization_members').where('customer_id', removed.customer.id).update({ status: 'removed', removed_at: new Date(), removed_reason: 'left' })
    assert.equal((await fetchBytes(removed.agent, link.body.url)).status, 404)
  })

  test('templates are never a customer\'s; an unattached upload is its uploader\'s', async ({ assert }) => {
    const ops = await staffAgent('operations')
    const { newFile } = await import('./support.js')
    const templateFile = await newFile(ops.agent, 'contract_template')
    const acme = await organization('Acme')
    const asCustomer = signedLink(templateFile, { audience: 'customer', subjectId: acme.members.admin.customer.id, orgId: acme.org.id })
    assert.equal((await fetchBytes(acme.members.admin.agent, asCustomer.url)).status, 404)
    // not attached yet: the uploader reads it, so does a role that views templates; a bare role does not
    assert.equal((await ops.agent.get(`/api/admin/files/${templateFile}/link`)).status, 200)
    const support = await staffAgent('support')
    assert.equal((await support.agent.get(`/api/admin/files/${templateFile}/link`)).status, 200)
    const [role] = await db.table('roles').insert({ name: 'bare', label: 'Bare' }).returning('*')
    const bare = await createStaff('auditor', { role_id: role.id })
    assert.equal((await (await new Agent().loginStaff(bare.email)).get(`/api/admin/files/${templateFile}/link`)).status, 403)
  })
})

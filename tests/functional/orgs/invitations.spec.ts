/**
 * Invitations (PRD §10 成员邀请): staff or an organization admin invite by email; the link (a token
 * stored only as its hash) is read publicly and accepted once by the signed-in person it was sent
 * to, creating the membership; reused, revoked and expired links are 410; bad input writes nothing.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { outbox } from '#services/mail_outbox'
import { hashToken } from '#services/orgs/invitations'
import { customerAgent, staffAgent } from '#tests/support/agents'
import { Agent } from '#tests/support/agent'
import { auditRows, createCustomer } from '#tests/support/fixtures'
import { makeOrg, member } from './org_fixtures.js'

/** The token of the `nth` (1-based) invitation mailed to `email`. */
async function linkTo(email: string, nth = 1) {
  for (let i = 0; i < 100; i++) {
    const mail = outbox.to(email)[nth - 1]
    const token = mail?.text.match(/\/invitations\/accept\?token=([A-Za-z0-9_-]+)/)?.[1]
    if (token) return token
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`no invitation mailed to ${email}`)
}

const invitations = (orgId: number) => db.from('organization_invitations').where('org_id', orgId)

test.group('Organizations / invitations', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())
  group.each.setup(() => outbox.clear())

  test('operations invite from the console; the invitee reads the link, accepts once, and is a member', async ({ assert }) => {
    const org = await makeOrg()
    const { agent: ops } = await staffAgent('operations')
    const invitee = await customerAgent()
    const sent = await ops.post(`/api/admin/users/${org.id}/actions/invite_member`, { email: invitee.customer.email.toUpperCase(), role: 'finance' })
    assert.equal(sent.status, 200, sent.text)
    const token = await linkTo(invitee.customer.email)
    const [row] = await invitations(org.id)
    assert.equal(row.token_hash, hashToken(token))
    assert.notInclude(JSON.stringify(await auditRows({ resource: 'users', action: 'invite_member' })), token)

    const shown = await new Agent().get(`/api/portal/invitations/${token}`)
    assert.equal(shown.status, 200, shown.text)
    assert.deepInclude(shown.body, { org_name: org.org_name, role: 'finance', email: invitee.customer.email, status: 'pending', expired: false })

    const stranger = await customerAgent()
    assert.equal((await stranger.agent.post(`/api/portal/invitations/${token}/accept`)).status, 403)
    assert.equal((await new Agent().post(`/api/portal/invitations/${token}/accept`)).status, 401)

    const accepted = await invitee.agent.post(`/api/portal/invitations/${token}/accept`)
    assert.equal(accepted.status, 201, accepted.text)
    assert.deepInclude(accepted.body, { org_id: org.id, role: 'finance' })
    const members = await db.from('organization_members').where({ org_id: org.id, customer_id: invitee.customer.id, status: 'active' })
    assert.lengthOf(members, 1)
    assert.equal(Number(members[0].invitation_id), Number(row.id))
    assert.deepEqual((await invitee.agent.get('/api/portal/orgs')).body.map((o: any) => [o.id, o.role]), [[org.id, 'finance']])

    const again = await invitee.agent.post(`/api/portal/invitations/${token}/accept`)
    assert.equal(again.status, 410)
    assert.lengthOf(await db.from('organization_members').where({ org_id: org.id, customer_id: invitee.customer.id }), 1)
    assert.equal((await new Agent().get(`/api/portal/invitations/${token}`)).body.status, 'accepted')
  })

  test('an expired link is 410 and shown as expired; a resent one works and the old one no longer does', async ({ assert }) => {
    const org = await makeOrg()
    const admin = await member(org.id, 'admin')
    const invitee = await customerAgent()
    assert.equal((await admin.in.post('/api/portal/org/invitations', { email: invitee.customer.email, role: 'developer' })).status, 201)
    const first = await linkTo(invitee.customer.email)
    await invitations(org.id).update({ expires_at: new Date(Date.now() - 1000) })
    assert.deepInclude((await new Agent().get(`/api/portal/invitations/${first}`)).body, { status: 'expired', expired: true })
    assert.equal((await invitee.agent.post(`/api/portal/invitations/${first}/accept`)).status, 410)
    assert.lengthOf(await db.from('organization_members').where({ org_id: org.id, customer_id: invitee.customer.id }), 0)

    const { agent: ops } = await staffAgent('operations')
    const [row] = await invitations(org.id)
    assert.equal((await ops.post(`/api/admin/organization-invitations/${row.id}/actions/resend`, {})).status, 200)
    const second = await linkTo(invitee.customer.email, 2)
    assert.notEqual(second, first)
    assert.equal((await invitee.agent.post(`/api/portal/invitations/${first}/accept`)).status, 404)
    assert.equal((await invitee.agent.post(`/api/portal/invitations/${second}/accept`)).status, 201)
  })

  test('a revoked link is 410; an admin revokes only their own organization’s invitations', async ({ assert }) => {
    const org = await makeOrg()
    const other = await makeOrg()
    const admin = await member(org.id, 'admin')
    const otherAdmin = await member(other.id, 'admin')
    const email = (await createCustomer()).email
    const created = await admin.in.post('/api/portal/org/invitations', { email, role: 'read_only' })
    const token = await linkTo(email)
    assert.equal((await otherAdmin.in.delete(`/api/portal/org/invitations/${created.body.id}`)).status, 404)
    assert.equal((await admin.in.delete(`/api/portal/org/invitations/${created.body.id}`)).status, 204)
    const invitee = await new Agent().loginCustomer(email)
    assert.equal((await invitee.post(`/api/portal/invitations/${token}/accept`)).status, 410)
    assert.lengthOf(await auditRows({ resource: 'organization-invitations', action: 'revoke' }), 1)
  })

  test('bad input is a 4xx and writes nothing', async ({ assert }) => {
    const org = await makeOrg()
    const admin = await member(org.id, 'admin')
    const finance = await member(org.id, 'finance')
    const existing = await member(org.id, 'developer')
    const email = (await createCustomer()).email
    for (const body of [{ email: 'not-an-email', role: 'developer' }, { email, role: 'owner' }, { email, role: 'developer', org_id: 1 }, { email: 'x'.repeat(300), role: 'admin' }, {}]) {
      const reply = await admin.in.post('/api/portal/org/invitations', body)
      assert.oneOf(reply.status, [400, 422], JSON.stringify(body))
    }
    assert.equal((await admin.in.post('/api/portal/org/invitations', { email: existing.person.email, role: 'admin' })).status, 409)
    assert.equal((await finance.in.post('/api/portal/org/invitations', { email, role: 'admin' })).status, 403)
    assert.equal((await new Agent().get('/api/portal/invitations/short')).status, 404)
    assert.lengthOf(await invitations(org.id), 0)
    assert.lengthOf(outbox.messages, 0)
    // one pending invitation per address
    assert.equal((await admin.in.post('/api/portal/org/invitations', { email, role: 'developer' })).status, 201)
    assert.equal((await admin.in.post('/api/portal/org/invitations', { email, role: 'developer' })).status, 409)
    assert.lengthOf(await invitations(org.id), 1)
  })
})

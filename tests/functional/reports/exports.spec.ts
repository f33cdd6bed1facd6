/**
 * Background report exports: queued by the API, computed by the report-export job (drained
 * in-process here) to done with progress 100, downloaded by a signed link that only its owner may
 * use, refused once expired, and their files deleted by the expiry job.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import jobs from '#services/jobs'
import { expireReportExports } from '#services/report_exports/expire_exports'
import { exportDirectory, exportFile } from '#services/report_exports/rows'
import { staffAgent } from '#tests/support/agents'
import { auditRows } from '#tests/support/fixtures'
import { seedReports } from './seed.js'

const ASK = { report: 'gross_margin', from: '2030-01-01', to: '2030-01-31', granularity: 'month', zone: 'UTC' }

test.group('Reports / background exports', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())
  // the rows roll back with each test; the files they wrote go with the group
  group.teardown(() => rm(exportDirectory(), { recursive: true, force: true }))

  test('an export is queued, computed by the job to done with progress 100, and its link downloads the CSV', async ({ assert }) => {
    await seedReports()
    const { staff, agent } = await staffAgent('finance')
    const asked = await agent.post('/api/admin/report-exports', ASK)
    assert.equal(asked.status, 201, asked.text)
    assert.include(asked.body, { report: 'gross_margin', from: '2030-01-01', to: '2030-01-31', granularity: 'month', zone: 'UTC', status: 'queued', progress: 0, download_url: null })
    assert.isAtLeast(await jobs.drain(), 1)

    const done = await agent.get(`/api/admin/report-exports/${asked.body.id}`)
    assert.equal(done.status, 200, done.text)
    assert.include(done.body, { status: 'done', progress: 100, rows: 1, error: null })
    const hours = (Date.parse(done.body.expires_at) - Date.parse(done.body.finished_at)) / 3_600_000
    assert.equal(hours, 24)
    assert.match(done.body.download_url, new RegExp(`^/api/admin/report-exports/${asked.body.id}/download\\?signature=`))

    const file = await agent.get(done.body.download_url)
    assert.equal(file.status, 200, file.text)
    assert.equal(file.text, 'Period,Usage revenue,Provider cost,Gross margin,Margin %\r\n2030-01-01,6.500000,4.849000,1.651000,25.40\r\nTotal,6.500000,4.849000,1.651000,25.40\r\n')
    const direct = await agent.get('/api/admin/reports/gross_margin/csv?from=2030-01-01&to=2030-01-31&granularity=month&zone=UTC&_lang=en')
    assert.equal(file.text, direct.text)

    const list = await agent.get('/api/admin/report-exports')
    assert.deepEqual(list.body.exports.map((e: any) => e.id), [asked.body.id])
    assert.lengthOf(await auditRows({ action: 'report_export.request', actor_id: staff.id }), 1)
    const downloads = await auditRows({ action: 'export', resource: 'reports', actor_id: staff.id })
    assert.equal(downloads[0].metadata.export_id, asked.body.id)

    const row = await db.from('report_exports').where('id', asked.body.id).first()
    assert.isTrue(existsSync(exportFile(row.file_path)))
    await expireReportExports(new Date(Date.now() + 25 * 3_600_000))
    assert.isFalse(existsSync(exportFile(row.file_path)))
  })

  test('an expired or tampered link is refused; the expiry job marks the export expired', async ({ assert }) => {
    await seedReports()
    const { agent } = await staffAgent('operations')
    const asked = await agent.post('/api/admin/report-exports', ASK)
    await jobs.drain()
    const { download_url: url } = (await agent.get(`/api/admin/report-exports/${asked.body.id}`)).body
    const tampered = await agent.get(url.slice(0, -1) + (url.endsWith('A') ? 'B' : 'A'))
    assert.equal(tampered.status, 404, tampered.text)
    const unsigned = await agent.get(`/api/admin/report-exports/${asked.body.id}/download`)
    assert.equal(unsigned.status, 404)

    await db.from('report_exports').where('id', asked.body.id).update({ expires_at: new Date(Date.now() - 1000) })
    const late = await agent.get(url)
    assert.equal(late.status, 410, late.text)
    const shown = await agent.get(`/api/admin/report-exports/${asked.body.id}`)
    assert.include(shown.body, { status: 'expired', download_url: null })

    assert.equal(await expireReportExports(), 1)
    const row = await db.from('report_exports').where('id', asked.body.id).first()
    assert.include(row, { status: 'expired', file_path: null })
    assert.equal((await agent.get(url)).status, 410)
  })

  test('someone else\'s export is not found, its link included; a super_admin sees everyone\'s', async ({ assert }) => {
    const { staff: owner, agent } = await staffAgent('finance')
    const asked = await agent.post('/api/admin/report-exports', { ...ASK, report: 'mrr' })
    await jobs.drain()
    const { download_url: url } = (await agent.get(`/api/admin/report-exports/${asked.body.id}`)).body
    assert.isString(url)

    const { agent: other } = await staffAgent('finance')
    assert.equal((await other.get(`/api/admin/report-exports/${asked.body.id}`)).status, 404)
    assert.equal((await other.get(url)).status, 404)
    assert.deepEqual((await other.get('/api/admin/report-exports')).body.exports, [])

    const { agent: admin } = await staffAgent('super_admin')
    const seen = await admin.get(`/api/admin/report-exports/${asked.body.id}`)
    assert.equal(seen.status, 200)
    assert.equal(seen.body.requested_by, owner.email)
    const { agent: support } = await staffAgent('support')
    assert.equal((await support.get(`/api/admin/report-exports/${asked.body.id}`)).status, 403)
  })

  test('a bad export request is 422 and writes nothing', async ({ assert }) => {
    const { agent } = await staffAgent('finance')
    const before = await db.from('report_exports').count('* as n').first()
    for (const [body, field] of [
      [{ ...ASK, report: 'nope' }, 'report'],
      [{ ...ASK, from: 'yesterday' }, 'from'],
      [{ ...ASK, zone: 'Nowhere/Land' }, 'zone'],
    ] as const) {
      const reply = await agent.post('/api/admin/report-exports', body)
      assert.equal(reply.status, 422, reply.text)
      assert.equal(reply.body.errors[0].field, field)
    }
    const after = await db.from('report_exports').count('* as n').first()
    assert.equal(after.n, before.n)
    assert.equal(await jobs.drain(), 0)
  })
})

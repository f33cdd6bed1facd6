import { readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import creditdesk from '#config/creditdesk'
import { auditRows } from '#tests/support/fixtures'
import { staffAgent } from '#tests/support/agents'
import { PDF, PNG, organization, sha256, storedFiles, upload } from './support.js'

const leftovers = async () => (await readdir(tmpdir())).filter((name) => name.startsWith('creditdesk-upload-'))

test.group('Files / uploads', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())
  group.teardown(() => rm(app.makePath('.data', 'files-test'), { recursive: true, force: true }))

  test('staff upload a contract file: stored with its SHA-256, audited, temporary file gone', async ({ assert }) => {
    const { agent, staff } = await staffAgent('operations')
    const bytes = PDF('signed')
    const reply = await upload(agent, '/api/admin/files', { purpose: 'contract', bytes, name: '合同 v1.pdf', type: 'text/plain', fields: { sha256: sha256(bytes) } })
    assert.equal(reply.status, 201, JSON.stringify(reply.body))
    assert.deepEqual(reply.body, { id: reply.body.id, name: '合同 v1.pdf', size: bytes.length, mime_type: 'application/pdf' })
    const row = await db.from('stored_files').where('id', reply.body.id).first()
    assert.equal(row.sha256, sha256(bytes))
    assert.equal(row.purpose, 'contract')
    assert.equal(Number(row.uploaded_by_staff_id), staff.id)
    assert.match(row.key, /^contract\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.pdf$/)
    const [audited] = await auditRows({ action: 'file.upload', record_id: String(reply.body.id) })
    assert.equal(audited.actor_id, staff.id)
    assert.deepEqual(await leftovers(), [])
  })

  test('a file over the size limit is refused with 413 and nothing is written', async ({ assert }) => {
    const { agent } = await staffAgent('operations')
    const before = await storedFiles()
    const limit = creditdesk.files.maxBytes
    creditdesk.files.maxBytes = 4096
    try {
      // just over: read to the end and refused; far over: cut off by the parser
      for (const size of [4097, 3 * 1024 * 1024]) {
        const bytes = Buffer.concat([PDF(), Buffer.alloc(size - PDF().length, 0x20)])
        const reply = await upload(agent, '/api/admin/files', { purpose: 'contract', bytes })
        assert.equal(reply.status, 413, `${size}: ${JSON.stringify(reply.body)}`)
        assert.match(reply.body.message, /larger than/)
      }
      const atLimit = await upload(agent, '/api/admin/files', { purpose: 'contract', bytes: Buffer.concat([PDF(), Buffer.alloc(4096 - PDF().length, 0x20)]) })
      assert.equal(atLimit.status, 201)
    } finally {
      creditdesk.files.maxBytes = limit
    }
    assert.equal(await storedFiles(), before + 1)
    assert.deepEqual(await leftovers(), [])
  })

  test('kinds: the name and the bytes must agree and be an accepted kind (422, nothing written)', async ({ assert }) => {
    const { agent } = await staffAgent('operations')
    const before = await storedFiles()
    const refused = [
      { name: 'tool.exe', bytes: Buffer.from('MZ\x90\x00binary') },
      { name: 'scan.pdf', bytes: PNG },
      { name: 'noextension', bytes: PDF() },
      { name: 'page.html', bytes: Buffer.from('<html><script>alert(1)</script>') },
      { name: 'empty.pdf', bytes: Buffer.alloc(0) },
    ]
    for (const file of refused) {
      const reply = await upload(agent, '/api/admin/files', { purpose: 'contract', ...file })
      assert.equal(reply.status, 422, `${file.name}: ${JSON.stringify(reply.body)}`)
      assert.equal(reply.body.errors[0].field, 'file')
    }
    const png = await upload(agent, '/api/admin/files', { purpose: 'contract', name: 'scan.PNG', bytes: PNG })
    assert.equal(png.status, 201)
    assert.equal(png.body.mime_type, 'image/png')
    assert.equal(await storedFiles(), before + 1)
    assert.deepEqual(await leftovers(), [])
  })

  test('bad forms: no file, unknown purpose, unknown field, wrong SHA-256, JSON instead of multipart', async ({ assert }) => {
    const { agent } = await staffAgent('super_admin')
    const before = await storedFiles()
    const cases: Array<{ input: Parameters<typeof upload>[2]; field: string }> = [
      { input: { purpose: 'contract' }, field: 'file' },
      { input: { purpose: 'avatar', bytes: PDF() }, field: 'purpose' },
      { input: { bytes: PDF() }, field: 'purpose' },
      { input: { purpose: 'contract', bytes: PDF(), fields: { owner_id: '1' } }, field: 'owner_id' },
      { input: { purpose: 'contract', bytes: PDF(), fields: { sha256: sha256(Buffer.from('other')) } }, field: 'sha256' },
      { input: { purpose: 'contract', bytes: PDF(), fields: { sha256: 'xyz' } }, field: 'sha256' },
    ]
    for (const { input, field } of cases) {
      const reply = await upload(agent, '/api/admin/files', input)
      assert.equal(reply.status, 422, `${field}: ${JSON.stringify(reply.body)}`)
      assert.equal(reply.body.errors[0].field, field)
    }
    const json = await agent.post('/api/admin/files', { purpose: 'contract', file: 'JVBERi0=' })
    assert.equal(json.status, 415)
    assert.equal(await storedFiles(), before)
  })

  test('a role that may not attach files of a purpose cannot upload them (403, audited)', async ({ assert }) => {
    const { agent, staff } = await staffAgent('support')
    const before = await storedFiles()
    const reply = await upload(agent, '/api/admin/files', { purpose: 'contract', bytes: PDF() })
    assert.equal(reply.status, 403)
    assert.equal(await storedFiles(), before)
    const denied = await auditRows({ action: 'access.denied', actor_id: staff.id, resource: 'files' })
    assert.lengthOf(denied, 1)
    assert.deepEqual(await leftovers(), [])
    const anonymous = await upload(new (await import('#tests/support/agent')).Agent(), '/api/admin/files', { purpose: 'contract', bytes: PDF() })
    assert.equal(anonymous.status, 401)
  })

  test('a client that goes away mid-upload leaves no temporary file and no row', async ({ assert }) => {
    const { agent } = await staffAgent('operations')
    await agent.get('/api/admin/auth/me')
    const before = await storedFiles()
    const boundary = 'creditdesk-test-boundary'
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\ncontract\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`
    const { request } = await import('node:http')
    const url = new URL('/api/admin/files', (await import('#tests/support/agent')).Agent.base())
    let during: string[] = []
    await new Promise<void>((resolve) => {
      const req = request(url, {
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(5 * 1024 * 1024),
          'cookie': [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'x-xsrf-token': decodeURIComponent(agent.cookies.get('XSRF-TOKEN')!),
        },
      })
      req.on('error', () => resolve())
      req.write(head)
      req.write(Buffer.concat([PDF(), Buffer.alloc(256 * 1024, 0x20)]), () =>
        setTimeout(async () => {
          during = await leftovers()
          req.destroy()
          resolve()
        }, 300)
      )
    })
    assert.lengthOf(during, 1, 'the upload was being written to a temporary file')
    await new Promise((resolve) => setTimeout(resolve, 500))
    assert.deepEqual(await leftovers(), [])
    assert.equal(await storedFiles(), before)
  })

  test('multipart is still refused on every other route', async ({ assert }) => {
    const { agent } = await staffAgent('super_admin')
    const { members } = await organization()
    for (const [who, path] of [
      [agent, '/api/admin/contracts'],
      [agent, '/api/admin/users'],
      [agent, '/api/admin/contract-templates'],
      [members.admin.agent, '/api/portal/contracts/1/sign'],
      [members.admin.agent, '/api/portal/profile'],
    ] as const) {
      const reply = await upload(who, path, { purpose: 'contract', bytes: PDF() })
      assert.equal(reply.status, 415, `${path}: ${reply.status}`)
    }
    assert.deepEqual(await leftovers(), [])
  })

  test('portal: an organization admin uploads KYC documents; other roles and purposes are refused', async ({ assert }) => {
    const { org, members, header } = await organization()
    const before = await storedFiles()
    const ok = await upload(members.admin.agent, '/api/portal/files', { purpose: 'kyc_document', bytes: PNG, name: 'licence.png', headers: header })
    assert.equal(ok.status, 201, JSON.stringify(ok.body))
    const row = await db.from('stored_files').where('id', ok.body.id).first()
    assert.equal(Number(row.uploaded_by_customer_id), org.id)
    const contract = await upload(members.admin.agent, '/api/portal/files', { purpose: 'contract', bytes: PDF(), headers: header })
    assert.equal(contract.status, 422)
    const finance = await upload(members.finance.agent, '/api/portal/files', { purpose: 'kyc_document', bytes: PNG, name: 'a.png', headers: header })
    assert.equal(finance.status, 403)
    const stranger = await upload(members.admin.agent, '/api/portal/files', { purpose: 'kyc_document', bytes: PNG, name: 'a.png', headers: { 'X-Creditdesk-Org': String(org.id + 1000) } })
    assert.equal(stranger.status, 404)
    assert.equal(await storedFiles(), before + 1)
    assert.deepEqual(await leftovers(), [])
  })
})

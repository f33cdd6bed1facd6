/**
 * Issue 8, section 5: multipart bodies were parsed (and streamed to temporary files) before
 * authentication and CSRF, so anyone could fill the disk. No route accepts files today: a
 * multipart body is refused with 415 and never reaches the disk.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Agent } from '#tests/support/agent'

/** Files in the temporary directory of 1 MB or more: what an upload leaves behind. */
function bigTempFiles() {
  const out = new Set<string>()
  for (const name of readdirSync(tmpdir())) {
    try {
      const stat = statSync(join(tmpdir(), name))
      if (stat.isFile() && stat.size >= 1024 * 1024) out.add(name)
    } catch {}
  }
  return out
}

function fiveMegabyteForm() {
  const form = new FormData()
  form.append('email', 'someone@example.test')
  form.append('avatar', new Blob([new Uint8Array(5 * 1024 * 1024).fill(65)]), 'big.bin')
  return form
}

test.group('Multipart bodies', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('an anonymous 5 MB upload is refused and leaves no temporary file', async ({ assert }) => {
    const before = bigTempFiles()
    for (const path of ['/api/portal/auth/login', '/api/admin/auth/login', '/api/portal/auth/register', '/api/webhooks/stripe', '/api/internal/charges']) {
      const response = await fetch(`${Agent.base()}${path}`, { method: 'POST', body: fiveMegabyteForm() })
      assert.isAtLeast(response.status, 400, path)
      assert.isBelow(response.status, 500, path)
      await response.text()
    }
    const left = [...bigTempFiles()].filter((name) => !before.has(name))
    assert.deepEqual(left, [])
  })

  test('with a valid session and CSRF token a multipart body is still refused with 415', async ({ assert }) => {
    const agent = new Agent()
    await agent.get('/api/portal/auth/me')
    const before = bigTempFiles()
    const response = await fetch(`${Agent.base()}/api/portal/auth/login`, {
      method: 'POST',
      headers: {
        'cookie': [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-xsrf-token': decodeURIComponent(agent.cookies.get('XSRF-TOKEN')!),
      },
      body: fiveMegabyteForm(),
    })
    assert.equal(response.status, 415)
    assert.match((await response.json()).message, /multipart|file/i)
    assert.deepEqual([...bigTempFiles()].filter((name) => !before.has(name)), [])
  })
})

/**
 * Issue 8, section 6: a Content-Security-Policy for both apps (no inline script, nothing from
 * other origins, no framing) and the other headers @adonisjs/shield offers, on pages, API
 * answers and errors alike. The browser suite proves both apps still work under it.
 */
import { test } from '@japa/runner'
import { Agent } from '#tests/support/agent'

function directives(csp: string) {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/)
      return [name, values] as const
    })
  )
}

test.group('Security headers', () => {
  for (const [label, method, path] of [
    ['the portal', 'GET', '/'],
    ['a portal route', 'GET', '/wallet'],
    ['the console', 'GET', '/admin/'],
    ['an API answer', 'GET', '/api/portal/plans'],
    ['a 401', 'GET', '/api/admin/auth/me'],
    ['a JSON 404', 'GET', '/api/nothing-here'],
    ['a refused CSRF mutation', 'POST', '/api/admin/auth/login'],
    ['a machine route', 'POST', '/api/internal/charges'],
  ] as const) {
    test(`{label} carries CSP, HSTS, nosniff, frame and referrer headers`)
      .with([{ label, method, path }])
      .run(async ({ assert }, row) => {
        const response = await fetch(`${Agent.base()}${row.path}`, { method: row.method, headers: { 'content-type': 'application/json' }, body: row.method === 'GET' ? undefined : '{}' })
        await response.text()
        const csp = response.headers.get('content-security-policy')
        assert.isString(csp, 'Content-Security-Policy')
        const d = directives(csp!)
        assert.deepEqual(d.get('default-src'), [`'self'`])
        assert.deepEqual(d.get('script-src'), [`'self'`])
        assert.deepEqual(d.get('script-src-attr'), [`'none'`])
        assert.deepEqual(d.get('object-src'), [`'none'`])
        assert.deepEqual(d.get('frame-ancestors'), [`'none'`])
        assert.deepEqual(d.get('base-uri'), [`'self'`])
        for (const values of d.values()) {
          assert.notInclude(values, `'unsafe-eval'`)
          assert.notInclude(values, '*')
        }
        assert.equal(response.headers.get('x-frame-options'), 'DENY')
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff')
        assert.match(response.headers.get('strict-transport-security') ?? '', /max-age=\d{7,}; includeSubDomains/)
        assert.equal(response.headers.get('referrer-policy'), 'same-origin')
        assert.equal(response.headers.get('cross-origin-opener-policy'), 'same-origin')
      })
  }

  test('the built apps load no inline script', async ({ assert }) => {
    for (const path of ['/', '/admin/']) {
      const response = await fetch(`${Agent.base()}${path}`)
      const html = await response.text()
      if (response.status === 503) continue // not built in this checkout; the browser suite covers the built apps
      for (const [, attributes, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
        assert.match(attributes, /\ssrc="\/(admin\/)?assets\//, `${path}: script without src`)
        assert.equal(body.trim(), '', `${path}: inline script`)
      }
      assert.notMatch(html, /\son[a-z]+=/i, `${path}: inline event handler`)
    }
  })
})

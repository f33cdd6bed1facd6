import { test } from '@japa/runner'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { DEV_SECRETS } from '../../../backend/services/dev_defaults.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))

function startServer(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH!, DATABASE_URL: process.env.DATABASE_URL!, PORT: '3397', NODE_ENV: 'production', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
}

test.group('Production refuses unsafe settings', () => {
  test('the development secrets are refused', ({ assert }) => {
    const run = startServer({ APP_KEY: DEV_SECRETS.APP_KEY, INTERNAL_SERVICE_TOKEN: DEV_SECRETS.INTERNAL_SERVICE_TOKEN })
    assert.notEqual(run.status, 0)
    assert.include(run.stdout + run.stderr, 'Refusing to start in production')
  }).timeout(60_000)

  test('missing secrets are refused', ({ assert }) => {
    const run = startServer({})
    assert.notEqual(run.status, 0)
    assert.match(run.stdout + run.stderr, /APP_KEY/)
  }).timeout(60_000)
})

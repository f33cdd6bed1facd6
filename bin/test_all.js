/*
|--------------------------------------------------------------------------
| npm test
|--------------------------------------------------------------------------
|
| The whole suite: backend unit + functional + browser (Japa, in one run on a
| migrated test database), then the console's and the portal's component
| tests (Vitest). The browser suite needs the apps built and Chromium; both
| are prepared here when missing.
*/
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../', import.meta.url))
const steps = []

function run(name, command, args, env = {}) {
  console.log(`\n▶ ${name}`)
  const started = Date.now()
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  steps.push({ name, ok: result.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) })
  return result.status === 0
}

if (!existsSync('/usr/bin/chromium') && !process.env.SKIP_BROWSER) {
  console.log('Chromium is missing: the browser suite will report it. Install it with: apt-get install -y chromium')
}
run('build console and portal', 'npm', ['run', 'build:ui'])
run('backend (Japa: unit, functional, browser)', 'node', ['ace', 'test'])
run('console components (Vitest)', 'npm', ['run', 'test', '-w', 'admin'])
run('portal components (Vitest)', 'npm', ['run', 'test', '-w', 'portal'])

console.log('\nSummary')
for (const step of steps) console.log(`  ${step.ok ? 'ok  ' : 'FAIL'} ${step.name} (${step.seconds}s)`)
const failed = steps.filter((s) => !s.ok).length
process.exit(failed ? 1 : 0)

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
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../', import.meta.url))
const steps = []

/** Runs a step with its output shown as it comes, and counts the tests it reports. */
function run(name, command, args, env = {}) {
  console.log(`\n▶ ${name}`)
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const relay = (stream, target) =>
      stream.on('data', (chunk) => {
        target.write(chunk)
        output += chunk.toString()
      })
    relay(child.stdout, process.stdout)
    relay(child.stderr, process.stderr)
    child.on('close', (code) => {
      const plain = output.replace(/\x1b\[[0-9;]*m/g, '')
      // Japa: "Tests  12 passed, 1 failed (13)"; Vitest: "Tests  2 failed | 43 passed (45)"
      const line = [...plain.matchAll(/^\s*Tests\s+(.+)\((\d+)\)\s*$/gm)].at(-1)?.[1] ?? ''
      const count = (word) => Number(line.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0)
      steps.push({ name, ok: code === 0, seconds: ((Date.now() - started) / 1000).toFixed(1), passed: count('passed'), failed: count('failed') })
      resolve(code === 0)
    })
  })
}

if (!existsSync('/usr/bin/chromium') && !process.env.SKIP_BROWSER) {
  console.log('Chromium is missing: the browser suite will report it. Install it with: apt-get install -y chromium')
}
await run('build console and portal', 'npm', ['run', 'build:ui'])
await run('backend (Japa: unit, functional, browser)', 'node', ['ace', 'test'])
await run('console components (Vitest)', 'npm', ['run', 'test', '-w', 'admin'])
await run('portal components (Vitest)', 'npm', ['run', 'test', '-w', 'portal'])

console.log('\nSummary')
for (const step of steps) {
  const counts = step.passed || step.failed ? `: ${step.passed} passed, ${step.failed} failed` : ''
  console.log(`  ${step.ok ? 'ok  ' : 'FAIL'} ${step.name}${counts} (${step.seconds}s)`)
}
const failedSteps = steps.filter((s) => !s.ok).length
const passed = steps.reduce((n, s) => n + s.passed, 0)
const failed = steps.reduce((n, s) => n + s.failed, 0)
console.log(`\ntests: ${passed} passed, ${failed + (failedSteps && !failed ? failedSteps : 0)} failed`)
process.exit(failedSteps ? 1 : 0)

/**
 * The shape of the code, checked cheaply so it cannot drift back:
 * - every file under backend/actions/ is one use case, default-exporting `{ handle(input, deps) }`;
 * - no use case reads the request (`HttpContext`) or imports a console declaration (`#resources/`);
 * - Stripe is called only by the payments gateway (services/payments/gateway.ts).
 */
import { test } from '@japa/runner'
import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { join, relative } from 'node:path'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

async function tsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { withFileTypes: true, recursive: true })
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .sort()
}

test.group('Structure / use cases', () => {
  test('every file in backend/actions default-exports a use case with handle(input, deps)', async ({ assert }) => {
    const files = await tsFiles('backend/actions')
    assert.isAbove(files.length, 30)
    const wrong: string[] = []
    for (const file of files) {
      const module = await import(pathToFileURL(join(ROOT, file.replace(/\.ts$/, '.js'))).href)
      const handle = module.default?.handle
      if (typeof handle !== 'function' || handle.length > 2) wrong.push(file)
    }
    assert.deepEqual(wrong, [], 'files in backend/actions that are not a use case of the one shape (move helpers to backend/services/<domain>/)')
  })

  test('no use case reads the request or imports a console declaration', async ({ assert }) => {
    const offenders: string[] = []
    for (const file of await tsFiles('backend/actions')) {
      const source = await readFile(join(ROOT, file), 'utf8')
      if (/HttpContext/.test(source)) offenders.push(`${file}: HttpContext`)
      if (/['"]#resources\//.test(source) || /from ['"][./]+\/resources\//.test(source)) offenders.push(`${file}: imports backend/resources`)
      if (/#engine\/types/.test(source)) offenders.push(`${file}: uses the engine's types instead of services/use_case`)
    }
    assert.deepEqual(offenders, [])
  })

  test('only the payments gateway calls Stripe', async ({ assert }) => {
    const allowed = ['backend/services/payments/gateway.ts', 'backend/services/stripe.ts']
    const offenders: string[] = []
    for (const file of await tsFiles('backend')) {
      if (allowed.includes(file)) continue
      const source = await readFile(join(ROOT, file), 'utf8')
      if (/\bstripe\(\)\.|from ['"]stripe['"]|['"]#services\/stripe['"]/.test(source)) offenders.push(file)
    }
    assert.deepEqual(offenders, [])
  })
})

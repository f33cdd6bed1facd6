/**
 * The contract (backend/contract) is the one vocabulary of backend, console and portal. This test
 * fails when the backend uses a word the contract does not know: a ledger type it posts, a status
 * its database accepts or its resources offer, an icon a resource declares; and when the console's
 * icon map misses one of the contract's icons. Sources are read as text where importing them is not
 * possible (migrations' SQL, the console's TSX).
 */
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { ICON_NAMES, isIconName } from '#contract/icons'
import { isLedgerType, LEDGER_TYPE_NAMES } from '#contract/ledger_types'
import { STATUS_LISTS, valuesOf } from '#contract/statuses'
import { allResources, loadResources } from '#engine/registry'

const root = app.makePath()

async function sourceFiles(dir: string, pattern = /\.tsx?$/): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await sourceFiles(path, pattern)))
    else if (pattern.test(entry.name)) out.push(path)
  }
  return out
}

const read = (path: string) => readFile(join(root, path), 'utf8')

/**
 * The ledger types the backend posts: `type: '<name>'` in a header next to its idempotencyKey, and
 * string-literal unions of a `type` property in files that post (a refund step's type).
 */
async function postedLedgerTypes(): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  for (const file of await sourceFiles('backend')) {
    if (file.startsWith(join('backend', 'contract'))) continue
    const text = await read(file)
    for (const m of text.matchAll(/\btype:\s*'([a-z_]+)',\s*(?:\/\/[^\n]*\n\s*)*idempotencyKey/g)) found.set(m[1], file)
    if (!/#services\/ledger\/post|\.\/post\.js/.test(text)) continue
    for (const m of text.matchAll(/\btype:\s*((?:'[a-z_]+'\s*\|\s*)+'[a-z_]+')/g)) {
      for (const literal of m[1].matchAll(/'([a-z_]+)'/g)) found.set(literal[1], file)
    }
  }
  return found
}

/** Per table, the values of the last `CHECK (status IN (…))` the migrations give its status column. */
async function databaseStatuses(): Promise<Map<string, string[]>> {
  const statuses = new Map<string, string[]>()
  for (const file of (await sourceFiles('database/migrations', /\.ts$/)).sort()) {
    const text = await read(file)
    const tables = [...text.matchAll(/(?:CREATE|ALTER) TABLE (?:IF NOT EXISTS )?(\w+)/g)]
    tables.forEach((table, i) => {
      const segment = text.slice(table.index, tables[i + 1]?.index ?? text.length)
      for (const m of segment.matchAll(/CHECK \(status IN \(([^)]*)\)\)/g)) {
        statuses.set(table[1], [...m[1].matchAll(/'([^']+)'/g)].map((v) => v[1]))
      }
    })
  }
  return statuses
}

/** The icon names the console's map has a component for (admin/src/layout/icons.tsx). */
async function consoleIcons(): Promise<Set<string>> {
  const text = await read('admin/src/layout/icons.tsx')
  const map = text.slice(text.indexOf('export const ICONS'), text.indexOf('\n}', text.indexOf('export const ICONS')))
  return new Set([...map.matchAll(/^\s*'([\w-]+)':\s*</gm)].map((m) => m[1]))
}

test.group('contract drift', (group) => {
  group.setup(async () => {
    await loadResources()
  })

  test('every ledger type the backend posts is in the contract', async ({ assert }) => {
    const posted = await postedLedgerTypes()
    // the scan itself must see the postings it is there to check
    for (const known of ['recharge', 'usage_charge', 'redeem', 'refund_hold', 'refund_settle', 'refund_release', 'reversal', 'correction']) {
      assert.isTrue(posted.has(known), `the scan no longer finds the "${known}" posting`)
    }
    const unknown = [...posted].filter(([type]) => !isLedgerType(type)).map(([type, file]) => `${type} (${relative('.', file)})`)
    assert.deepEqual(unknown, [], 'ledger types posted but missing from backend/contract/ledger_types.ts')
  })

  test('the ledger transactions resource offers exactly the contract\'s types', ({ assert }) => {
    const resource = allResources().find((r) => r.table === 'ledger_transactions')!
    assert.sameMembers((resource.fields.type.options ?? []).map((o) => o.value), LEDGER_TYPE_NAMES)
  })

  test('every status the database accepts is in the contract, and none more', async ({ assert }) => {
    const db = await databaseStatuses()
    for (const [table, options] of Object.entries(STATUS_LISTS)) {
      assert.isTrue(db.has(table), `no CHECK (status IN …) found for ${table}`)
      assert.sameMembers(valuesOf(options), db.get(table)!, `${table}.status: database vs backend/contract/statuses.ts`)
    }
  })

  test('resources offer the contract\'s statuses for those tables', ({ assert }) => {
    for (const resource of allResources()) {
      const contract = STATUS_LISTS[resource.table]
      const options = resource.fields.status?.options
      if (!contract || !options) continue
      const unknown = options.map((o) => o.value).filter((v) => !valuesOf(contract).includes(v))
      assert.deepEqual(unknown, [], `${resource.name}: status options unknown to the contract`)
      for (const option of options) {
        const known = contract.find((c) => c.value === option.value)!
        assert.deepEqual(option.label, known.label, `${resource.name}: the label of ${option.value} differs from the contract's`)
      }
    }
  })

  test('every icon a resource declares is in the contract', ({ assert }) => {
    const unknown = allResources().filter((r) => r.icon !== undefined && !isIconName(r.icon)).map((r) => `${r.name}: ${r.icon}`)
    assert.deepEqual(unknown, [], 'icons missing from backend/contract/icons.ts')
  })

  test('the console has a component for every contract icon', async ({ assert }) => {
    const mapped = await consoleIcons()
    assert.isAbove(mapped.size, 0, 'the scan found no icon map in admin/src/layout/icons.tsx')
    assert.deepEqual(ICON_NAMES.filter((name) => !mapped.has(name)), [], 'icons without a component in admin/src/layout/icons.tsx')
  })
})

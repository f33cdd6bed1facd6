/**
 * The embedded cluster `npm start` runs must be durable: a power cut or an OS crash may not lose a
 * committed payment. Only a cluster explicitly started non-durable (the test runner's) trades that
 * for speed. Each case starts a cluster of its own on a fresh directory and asks PostgreSQL itself.
 */
import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import pg from 'pg'
import { EmbeddedDatabase } from '#services/embedded_database'

const SETTINGS = ['fsync', 'synchronous_commit', 'full_page_writes'] as const

async function settingsOf(url: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const shown: Record<string, string> = {}
    for (const name of SETTINGS) shown[name] = (await client.query(`SHOW ${name}`)).rows[0][name]
    return shown
  } finally {
    await client.end()
  }
}

/** Starts a cluster on a fresh directory, reads its settings, stops it and removes the directory. */
async function settingsOfFreshCluster(options?: { durable?: boolean }) {
  const dir = new URL(`../../../.data/pg-durability-${randomUUID().slice(0, 8)}/`, import.meta.url)
  const cluster = options ? new EmbeddedDatabase(dir, options) : new EmbeddedDatabase(dir)
  try {
    return await settingsOf(await cluster.start())
  } finally {
    await cluster.stop().catch(() => {})
    await rm(dir, { recursive: true, force: true })
    await rm(new URL(dir.href.replace(/\/$/, '.log')), { force: true })
  }
}

test.group('Embedded PostgreSQL durability', () => {
  test('a cluster started with the defaults is durable (fsync, synchronous_commit, full_page_writes on)', async ({ assert }) => {
    assert.deepEqual(await settingsOfFreshCluster(), { fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' })
  }).timeout(60_000)

  test('only an explicit opt-out runs without durability', async ({ assert }) => {
    assert.deepEqual(await settingsOfFreshCluster({ durable: false }), { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' })
  }).timeout(60_000)
})

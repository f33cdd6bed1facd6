/**
 * The customer's usage as CSV: exactly the rows of the list with the same filters (own rows
 * only), every page of them, read through a cursor in one repeatable-read snapshot so the file
 * is consistent while new usage lands. Headers and statuses in the requested language, times
 * in the requested zone (`_lang`, `_tz`, as the console's exports); amounts stay plain numbers.
 * A client that goes away stops the read.
 */
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Readable } from 'node:stream'
import { USAGE_STATUSES } from '#contract/usage'
import { csvLine } from '#engine/csv'
import type { Locale } from '#engine/export_columns'
import { presentUsage, type PortalUsageRow } from './usage_list.js'

type Column = { en: string; zh: string; cell: (row: PortalUsageRow, zone: string, locale: Locale) => unknown }

const COLUMNS: Column[] = [
  { en: 'Time', zh: '时间', cell: (r, zone) => DateTime.fromISO(r.started_at).setZone(zone).toFormat('yyyy-MM-dd HH:mm:ss') },
  { en: 'Request ID', zh: '请求 ID', cell: (r) => r.request_id },
  { en: 'API key', zh: 'API 密钥', cell: (r) => r.key_prefix },
  { en: 'Key name', zh: '密钥名称', cell: (r) => r.key_name },
  { en: 'Model', zh: '模型', cell: (r) => r.model },
  { en: 'Status', zh: '状态', cell: (r, _, locale) => USAGE_STATUSES.find((s) => s.value === r.status)?.label[locale] ?? r.status },
  { en: 'Input tokens', zh: '输入 Token', cell: (r) => r.input_tokens },
  { en: 'Output tokens', zh: '输出 Token', cell: (r) => r.output_tokens },
  { en: 'Cache read tokens', zh: '缓存读取 Token', cell: (r) => r.cache_read_tokens },
  { en: 'Cache write tokens', zh: '缓存写入 Token', cell: (r) => r.cache_write_tokens },
  { en: 'Units', zh: '计费数量', cell: (r) => r.units },
  { en: 'Charged', zh: '扣费', cell: (r) => r.charged },
  { en: 'Cache savings', zh: '缓存节省', cell: (r) => r.cache_savings },
  { en: 'Latency (ms)', zh: '延迟（毫秒）', cell: (r) => r.latency_ms },
]

export function streamUsageCsv(ctx: HttpContext, sql: string, bindings: readonly unknown[], locale: Locale, zone: string) {
  return (async () => {
    // declared before any byte is sent, so a query error is a clean error response
    const trx = await db.transaction({ isolationLevel: 'repeatable read' })
    try {
      await trx.rawQuery(`DECLARE usage_cursor NO SCROLL CURSOR FOR ${sql}`, bindings as any[])
    } catch (error) {
      await trx.rollback()
      throw error
    }
    let aborted = false
    ctx.response.response.on('close', () => {
      aborted = true
    })
    async function* lines() {
      try {
        yield '\uFEFF' + csvLine(COLUMNS.map((c) => (locale === 'zh-CN' ? c.zh : c.en)))
        while (!aborted) {
          const batch = await trx.rawQuery('FETCH 500 FROM usage_cursor')
          if (!batch.rows.length) break
          const rows = await presentUsage(batch.rows)
          yield rows.map((row) => csvLine(COLUMNS.map((c) => c.cell(row, zone, locale)))).join('')
        }
      } finally {
        await trx.rollback()
      }
    }
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '')
    ctx.response.header('Content-Type', 'text/csv; charset=utf-8')
    ctx.response.header('Content-Disposition', `attachment; filename="usage-${stamp}.csv"`)
    ctx.response.header('Cache-Control', 'no-store')
    return ctx.response.stream(Readable.from(lines()))
  })()
}

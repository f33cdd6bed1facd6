import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { Readable } from 'node:stream'
import { perform } from '#abilities/main'
import audit from '#services/audit'
import { BadRequest, NotFound, SensitiveFieldRefused } from '#exceptions/domain_errors'
import type { ResourceDef } from '#engine/types'
import { applySort, parseListQuery, type ListOptions } from '#engine/list_query'
import { filteredQuery, selectFields, serveList } from '#engine/list'
import { labelRows } from '#engine/labels'
import { accessOf } from '#engine/access'
import { summarize } from '#engine/summary'
import { exportColumns, exportSettings } from '#engine/export_columns'
import { serializeRow } from '#engine/serialize'
import { csvLine } from '#engine/csv'
import { assertOnlyKeys } from '#validators/strict'
import { createRecord, deleteRecord, findRow, parseId, runAction, updateRecord } from '#engine/records'

/**
 * The REST face of every declared resource (the simple-rest contract). Routes bind a
 * resource to each method; the policy check has already run when a method is reached.
 */
export default class ResourcesController {
  async index(ctx: HttpContext, resource: ResourceDef) {
    const sensitive = await this.#canSeeSensitive(ctx, resource)
    const plan = await this.#plan(ctx, resource, { canSeeSensitive: sensitive })
    return serveList(ctx, resource, plan, (rows) => this.#present(ctx, resource, rows, sensitive))
  }

  /** GET <resource>/summary: count, quick-tab counts and money totals of the filtered list (see engine/summary.ts). */
  async summary(ctx: HttpContext, resource: ResourceDef) {
    const sensitive = await this.#canSeeSensitive(ctx, resource)
    const plan = await this.#plan(ctx, resource, { paginate: false, canSeeSensitive: sensitive })
    return summarize(resource, plan, sensitive)
  }

  async show(ctx: HttpContext, resource: ResourceDef) {
    const row = await findRow(resource, parseId(resource, ctx.params.id))
    const [shaped] = await this.#present(ctx, resource, [row], await this.#canSeeSensitive(ctx, resource))
    return shaped
  }

  async store(ctx: HttpContext, resource: ResourceDef) {
    const row = await this.#withComputed(resource, await createRecord(resource, ctx.request.body(), ctx))
    ctx.response.status(201)
    const [shaped] = await this.#present(ctx, resource, [row], await this.#canSeeSensitive(ctx, resource))
    return shaped
  }

  async update(ctx: HttpContext, resource: ResourceDef) {
    const row = await this.#withComputed(resource, await updateRecord(resource, parseId(resource, ctx.params.id), ctx.request.body(), ctx))
    const [shaped] = await this.#present(ctx, resource, [row], await this.#canSeeSensitive(ctx, resource))
    return shaped
  }

  async destroy(ctx: HttpContext, resource: ResourceDef) {
    await deleteRecord(resource, parseId(resource, ctx.params.id), ctx)
    return ctx.response.noContent()
  }

  async action(ctx: HttpContext, resource: ResourceDef, actionName: string) {
    const id = ctx.params.id !== undefined ? parseId(resource, ctx.params.id) : undefined
    const outcome = await runAction(resource, actionName, id, ctx.request.body(), ctx)
    const sensitive = await this.#canSeeSensitive(ctx, resource)
    const declared = resource.actions![actionName]
    const resultTypes = outcome.resultTypes ?? declared.resultTypes
    return {
      message: outcome.message,
      ...(outcome.row ? { record: serializeRow(resource, outcome.row, sensitive) } : {}),
      ...(outcome.result ? { result: outcome.result } : {}),
      ...(outcome.result && (outcome.once ?? declared.once) ? { once: true } : {}),
      ...(outcome.result && resultTypes ? { resultTypes } : {}),
    }
  }

  /** Shows one sensitive value in full, to a role holding view_sensitive; audited. */
  async reveal(ctx: HttpContext, resource: ResourceDef) {
    assertOnlyKeys(ctx.request.body(), ['field'])
    const fieldName = ctx.request.input('field')
    const field = typeof fieldName === 'string' ? resource.fields[fieldName] : undefined
    if (!field?.sensitive) throw new BadRequest(`"${String(fieldName).slice(0, 40)}" is not a sensitive field of ${resource.name}`)
    const id = parseId(resource, ctx.params.id)
    const row = await findRow(resource, id)
    await audit.standalone(ctx, { action: 'reveal', resource: resource.name, recordId: id, metadata: { field: fieldName } })
    return { value: row[field.column ?? fieldName] ?? null }
  }

  /**
   * Streams every matching row as CSV through a server-side cursor, so memory stays flat
   * however many rows match. A client that goes away closes the cursor and its connection.
   */
  async export(ctx: HttpContext, resource: ResourceDef) {
    const sensitive = await this.#canSeeSensitive(ctx, resource)
    const plan = await this.#plan(ctx, resource, { paginate: false, canSeeSensitive: sensitive })
    const { locale, zone } = exportSettings(ctx.request.qs(), ctx.request.header('accept-language'))
    const columns = exportColumns(resource, sensitive, locale, zone)
    const access = accessOf(ctx)
    const query = selectFields(applySort(filteredQuery(resource, plan), plan), resource)
    const { sql, bindings } = query.toSQL()
    const filters = ctx.request.qs()

    // The cursor is declared before any byte is sent, so a query error is a clean 4xx/5xx
    // response instead of a download cut short.
    const trx = await db.transaction({ isolationLevel: 'repeatable read' })
    try {
      await trx.rawQuery(`DECLARE export_cursor NO SCROLL CURSOR FOR ${sql}`, bindings as any[])
    } catch (error) {
      await trx.rollback()
      throw error
    }
    let rows = 0
    let aborted = false
    let finished = false
    ctx.response.response.on('close', () => {
      if (!finished) aborted = true
    })

    async function* lines() {
      try {
        yield '\uFEFF' + csvLine(columns.map((c) => c.header))
        while (!aborted) {
          const batch = await trx.rawQuery('FETCH 500 FROM export_cursor')
          if (!batch.rows.length) break
          let chunk = ''
          const labels = await labelRows(resource, batch.rows, access, sensitive)
          batch.rows.forEach((row: Record<string, any>, i: number) => {
            const shaped = serializeRow(resource, row, sensitive)
            chunk += csvLine(columns.map((c) => c.cell(shaped, labels[i])))
          })
          rows += batch.rows.length
          yield chunk
        }
        await trx.rawQuery('CLOSE export_cursor')
        await audit.fromRequest(trx, ctx, { action: 'export', resource: resource.name, metadata: { filters, rows, aborted } })
        await trx.commit()
        finished = true
      } catch (error) {
        ctx.logger.error({ err: error, requestId: ctx.request.id() }, 'export failed')
        throw error
      } finally {
        if (!trx.isCompleted) {
          await trx.rollback()
          await audit
            .standalone(ctx, { action: 'export', resource: resource.name, metadata: { filters, rows, aborted: true } })
            .catch((error) => ctx.logger.error({ err: error }, 'could not audit an aborted export'))
        }
      }
    }

    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '')
    ctx.response.header('Content-Type', 'text/csv; charset=utf-8')
    ctx.response.header('Content-Disposition', `attachment; filename="${resource.name}-${stamp}.csv"`)
    ctx.response.header('Cache-Control', 'no-store')
    return ctx.response.stream(Readable.from(lines()))
  }

  /** The checked list query; a filter or sort on a field the caller sees masked is refused and audited like any denial. */
  async #plan(ctx: HttpContext, resource: ResourceDef, options: ListOptions) {
    try {
      return parseListQuery(resource, ctx.request.qs(), options)
    } catch (error) {
      if (error instanceof SensitiveFieldRefused) {
        await audit.standalone(ctx, {
          action: 'access.denied',
          resource: resource.name,
          metadata: { permission: 'view_sensitive', field: error.field, use: error.use, method: ctx.request.method(), path: ctx.request.url() },
        })
      }
      throw error
    }
  }

  /** Rows for the wire: declared fields (masked as the caller must see them) and `_labels` for relations. */
  async #present(ctx: HttpContext, resource: ResourceDef, rows: Array<Record<string, any>>, sensitive: boolean) {
    const labels = await labelRows(resource, rows, accessOf(ctx), sensitive)
    return rows.map((row, i) => ({ ...serializeRow(resource, row, sensitive), _labels: labels[i] }))
  }

  /** A written row has no computed (`sql`) fields: read it again with them. */
  async #withComputed(resource: ResourceDef, row: Record<string, any>) {
    if (!Object.values(resource.fields).some((f) => f.sql)) return row
    return findRow(resource, String(row[resource.primaryKey ?? 'id']))
  }

    async #canSeeSensitive(ctx: HttpContext, resource: ResourceDef) {
    return ctx.bouncer.allows(perform, resource.name, 'view_sensitive')
  }
}

export function assertAction(resource: ResourceDef, name: string) {
  if (!resource.actions?.[name]) throw new NotFound(`${resource.name} has no action "${name}"`)
}

import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import db from '@adonisjs/lucid/services/db'
import audit, { SYSTEM_ACTOR } from '#services/audit'
import { NO_REQUEST } from '#services/use_case'
import { transaction } from '#services/transaction'
import { checkRollups, rebuildRollups, usageDayRange, type DayRange } from '#services/usage_rollups/rebuild'

const DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * `npm run ace -- usage:rollups [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--rebuild]`: checks that
 * the hourly and daily usage rollups of the UTC days [from, to] equal the sums of their usage rows
 * (exit 1 and the differences when not), or with `--rebuild` recomputes them from the usage rows
 * (audited). Without dates: every day that holds usage. Runs as the app role (DML only).
 */
export default class UsageRollups extends BaseCommand {
  static commandName = 'usage:rollups'
  static description = 'Check the usage rollups against the usage rows, or rebuild a range of days from them'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Recompute the rollups of the range from the usage rows' })
  declare rebuild?: boolean

  @flags.string({ description: 'First UTC day (YYYY-MM-DD); default: the first day with usage' })
  declare from?: string

  @flags.string({ description: 'Last UTC day, included (YYYY-MM-DD); default: the last day with usage' })
  declare to?: string

  async run() {
    const range = await this.range()
    if (!range) return
    if (this.rebuild) {
      const written = await transaction(async (trx) => {
        const rows = await rebuildRollups(trx, range)
        await audit.record(trx, { action: 'usage_rollups.rebuild', resource: 'usage-records', recordId: null, metadata: { from: range.from, to: range.to, ...rows } }, SYSTEM_ACTOR, NO_REQUEST)
        return rows
      })
      this.logger.success(`Rebuilt the usage rollups of ${range.from} … ${range.to} (exclusive): ${written.hourly} hourly and ${written.daily} daily rows`)
      return
    }
    const mismatches = await checkRollups(db.connection(), range)
    if (!mismatches.length) {
      this.logger.success(`The usage rollups of ${range.from} … ${range.to} (exclusive) equal the sums of their usage rows`)
      return
    }
    const table = this.ui.table()
    table.head(['rollup', 'key', 'rollup measures', 'usage row sums'])
    for (const m of mismatches) table.row([m.table, m.key, m.rollup ?? '(missing)', m.usage ?? '(no usage rows)'])
    table.render()
    this.logger.error('The rollups differ from the usage rows: run again with --rebuild for this range')
    this.exitCode = 1
  }

  /** [from, to + 1 day) from the flags, or every day with usage; null (after an error) when the flags are wrong. */
  private async range(): Promise<DayRange | null> {
    for (const [name, value] of [['from', this.from], ['to', this.to]] as const) {
      if (value !== undefined && (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))) {
        this.logger.error(`--${name} must be a day written YYYY-MM-DD`)
        this.exitCode = 1
        return null
      }
    }
    const known = this.from && this.to ? null : await usageDayRange(db.connection())
    const from = this.from ?? known?.from
    const after = this.to ? new Date(Date.parse(`${this.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : known?.to
    if (!from || !after) {
      this.logger.info('No usage rows: nothing to do')
      return null
    }
    if (from >= after) {
      this.logger.error('--from must not be after --to')
      this.exitCode = 1
      return null
    }
    return { from, to: after }
  }
}

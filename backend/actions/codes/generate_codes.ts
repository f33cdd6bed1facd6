/**
 * Generates a batch of 1–1000 redemption codes (ops-manual: 生成兑换码).
 *
 * The full codes exist only in this use case's one-time `result` (the list, a txt file and a
 * CSV file for the console to download). What is stored is a keyed hash and the last 4
 * characters; the audit row (written by the engine with this action) holds the batch id,
 * count and amount, never a code.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import creditdesk from '#config/creditdesk'
import type { ActionContext, UseCase } from '#engine/types'
import { csvLine } from '#engine/csv'
import { actorOf } from '#services/audit'
import { InvalidInput, type FieldError } from '#exceptions/domain_errors'
import { fromUnits } from '#services/ledger/amounts'
import { codePrefix, hashCode, newCode, randomTag } from './code_format.js'

/** Largest amount a code may carry: 10^12 in the balance unit, well inside a bigint column. */
const MAX_AMOUNT = 10n ** BigInt(12 + creditdesk.scale)

export type GenerateInput = {
  count: number
  amount: bigint
  bucket: 'cash' | 'gift'
  giftValidityDays?: number | null
  validDays?: number | null
  package?: string | null
  remark?: string | null
}

export type GeneratedBatch = { batchId: string; codes: string[]; expiresAt: Date }

/** Checks the engine-validated action input and turns it into a GenerateInput. */
export function readGenerateInput(input: Record<string, any>): GenerateInput {
  const errors: FieldError[] = []
  const wholeNumber = (name: string, min: number, max: number) => {
    const value = input[name]
    if (value === undefined || value === null) return null
    if (!Number.isInteger(value) || value < min || value > max) errors.push({ field: name, message: `"${name}" must be a whole number from ${min} to ${max}`, rule: 'range' })
    return value as number
  }
  const count = wholeNumber('count', 1, creditdesk.codes.maxPerRequest)
  const validDays = wholeNumber('valid_days', 1, 3650)
  const giftValidityDays = wholeNumber('gift_validity_days', 1, 3650)
  const amount = BigInt(input.amount)
  if (amount <= 0n) errors.push({ field: 'amount', message: '"amount" must be greater than zero', rule: 'amount' })
  if (amount > MAX_AMOUNT) errors.push({ field: 'amount', message: '"amount" is too large', rule: 'amount' })
  for (const name of ['package', 'remark']) {
    // eslint-disable-next-line no-control-regex
    if (typeof input[name] === 'string' && /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(input[name])) {
      errors.push({ field: name, message: `"${name}" contains control characters`, rule: 'text' })
    }
  }
  if (errors.length) throw new InvalidInput(errors)
  return {
    count: count!,
    amount,
    bucket: input.bucket,
    validDays,
    giftValidityDays: input.bucket === 'gift' ? (giftValidityDays ?? creditdesk.codes.defaultValidityDays) : null,
    package: input.package?.trim() || null,
    remark: input.remark?.trim() || null,
  }
}

/** Creates the codes in the caller's transaction. Returns the plain codes: show them once, store them nowhere. */
export async function generateCodes(trx: TransactionClientContract, input: GenerateInput, createdBy: number | null): Promise<GeneratedBatch> {
  const prefix = codePrefix()
  const batchId = await newBatchId(trx)
  const expiresAt = DateTime.utc().plus({ days: input.validDays ?? creditdesk.codes.defaultValidityDays }).toJSDate()
  const codes: string[] = []

  // a collision with an existing code (1 in 2^40 per pair) is simply drawn again
  while (codes.length < input.count) {
    const fresh = [...new Set(Array.from({ length: input.count - codes.length }, () => newCode(prefix)))]
    const byHash = new Map(fresh.map((code) => [hashCode(code), code]))
    const inserted = await trx.rawQuery(
      `INSERT INTO redemption_codes (code_hash, prefix, last4, batch_id, amount, bucket, gift_validity_days, package, remark, expires_at, created_by)
       SELECT h, ?, l4, ?, ?, ?, ?, ?, ?, ?, ? FROM unnest(string_to_array(?, ','), string_to_array(?, ',')) AS t(h, l4)
       ON CONFLICT (code_hash) DO NOTHING RETURNING code_hash`,
      <any[]>[
        prefix,
        batchId,
        input.amount.toString(),
        input.bucket,
        input.giftValidityDays ?? null,
        input.package ?? null,
        input.remark ?? null,
        expiresAt,
        createdBy,
        // hex digests and code characters only: a comma-joined list is safe and avoids array expansion
        [...byHash.keys()].join(','),
        [...byHash.values()].map((code) => code.slice(-4)).join(','),
      ]
    )
    for (const row of inserted.rows) codes.push(byHash.get(row.code_hash.trim())!)
  }
  return { batchId, codes, expiresAt }
}

/** B20261122-XXXX: the day in UTC and 4 random characters, drawn again in the rare case it exists. */
async function newBatchId(trx: TransactionClientContract) {
  const day = DateTime.utc().toFormat('yyyyLLdd')
  for (;;) {
    const candidate = `B${day}-${randomTag(4)}`
    const taken = await trx.from('redemption_codes').where('batch_id', candidate).select('id').first()
    if (!taken) return candidate
  }
}

/** The download files: one code per line (txt), and a CSV with what each code is worth. */
export function batchFiles(batch: GeneratedBatch, input: GenerateInput) {
  const txt = batch.codes.join('\r\n') + '\r\n'
  const header = csvLine(['code', 'amount', 'asset', 'credited_to', 'package', 'expires_at', 'batch_id'])
  const rows = batch.codes.map((code) =>
    csvLine([code, fromUnits(input.amount), creditdesk.asset, input.bucket, input.package ?? '', batch.expiresAt.toISOString(), batch.batchId])
  )
  return { txt, csv: header + rows.join('') }
}

/** The console's "generate" collection action on redemption-codes. */
const generateCodesAction: UseCase = {
  async handle({ trx, input, ctx }: ActionContext) {
    const request = readGenerateInput(input)
    const actor = actorOf(ctx)
    const batch = await generateCodes(trx, request, actor.type === 'staff' ? actor.id : null)
    const files = batchFiles(batch, request)
    const summary = {
      batchId: batch.batchId,
      count: batch.codes.length,
      amount: fromUnits(request.amount),
      bucket: request.bucket,
      package: request.package ?? null,
      expiresAt: batch.expiresAt.toISOString(),
    }
    return {
      message: `${batch.codes.length} codes generated in batch ${batch.batchId}. Download them now: they are shown only once.`,
      result: {
        batch_id: batch.batchId,
        count: batch.codes.length,
        amount: summary.amount,
        expires_at: summary.expiresAt,
        codes: batch.codes,
        txt: files.txt,
        csv: files.csv,
        filename: `codes-${batch.batchId}`,
      },
      auditMetadata: summary,
    }
  },
}
export default generateCodesAction

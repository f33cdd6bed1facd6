/**
 * Creating a batch of redemption codes in the caller's transaction, and the files the console
 * downloads. The plain codes exist only in what these return: what is stored is a keyed hash
 * and the last 4 characters (code_format.ts).
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import creditdesk from '#config/creditdesk'
import { csvLine } from '#engine/csv'
import { fromUnits } from '#services/ledger/amounts'
import { codePrefix, hashCode, newCode, randomTag } from './code_format.js'

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

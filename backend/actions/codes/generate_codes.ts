/**
 * Generates a batch of 1–1000 redemption codes (ops-manual: 生成兑换码).
 *
 * The full codes exist only in this use case's one-time `result` (the list, a txt file and a
 * CSV file for the console to download). What is stored is a keyed hash and the last 4
 * characters; the audit row (written by the engine with this action) holds the batch id,
 * count and amount, never a code.
 */
import creditdesk from '#config/creditdesk'
import type { EngineAction } from '#services/use_case'
import { InvalidInput, type FieldError } from '#exceptions/domain_errors'
import { fromUnits } from '#services/ledger/amounts'
import { batchFiles, generateCodes, type GenerateInput } from '#services/codes/generate'

/** Largest amount a code may carry: 10^12 in the balance unit, well inside a bigint column. */
const MAX_AMOUNT = 10n ** BigInt(12 + creditdesk.scale)

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

/** The console's "generate" collection action on redemption-codes. */
const generateCodesAction: EngineAction = {
  async handle({ fields }, { trx, actor }) {
    const request = readGenerateInput(fields)
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

/**
 * Finds a redemption code from what support typed in full (any case, spaces or dashes):
 * the input is normalised and hashed the way codes are stored.
 */
import db from '@adonisjs/lucid/services/db'
import { NotFound } from '#exceptions/domain_errors'
import { hashCode, normaliseCode } from '#services/codes/code_format'
import type { RedemptionCodeRow } from './rows.js'

export async function findCode(typed: string) {
  const normalised = normaliseCode(typed)
  const row = normalised ? await db.from('redemption_codes').where('code_hash', hashCode(normalised.code)).first() : null
  if (!row) throw new NotFound('No redemption code matches what was typed')
  return row as RedemptionCodeRow
}

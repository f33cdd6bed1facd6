/** A contracts row as read (migration 0061), the states actions accept, and today's date in UTC. */
import { DateTime } from 'luxon'
import type { ContractStatus } from '#contract/bills'
import { Conflict } from '#exceptions/domain_errors'

export type ContractRow = {
  id: string | number
  number: string
  org_id: string | number
  type: 'enterprise' | 'dev_org'
  title: string
  template_id: string | number | null
  file_id: string | number
  version: number
  status: ContractStatus
  signing_method: 'online' | 'offline'
  starts_on: string | Date
  expires_on: string | Date
  signed_at: Date | null
  signed_by_name: string | null
  renewed_from_id: string | number | null
  renewed_to_id: string | number | null
}

const STATUS_WORDS: Record<ContractStatus, string> = {
  pending_signature: 'awaiting signature',
  active: 'active',
  expired: 'expired',
  voided: 'voided',
}

/** 409 unless the contract is in one of `allowed`. */
export function assertStatus(contract: Pick<ContractRow, 'status' | 'number'>, allowed: ContractStatus[], doing: string) {
  if (!allowed.includes(contract.status)) {
    throw new Conflict(`Contract ${contract.number} is ${STATUS_WORDS[contract.status]}: it cannot be ${doing}`)
  }
}

/** YYYY-MM-DD of a date column (pg reads DATE as a Date at local midnight, as the engine's toWire does). */
export const isoDate = (value: string | Date) => (value instanceof Date ? DateTime.fromJSDate(value).toISODate()! : String(value).slice(0, 10))

export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10)

/**
 * The rules of a campaign as it is saved (create and edit hooks of the campaigns resource):
 * a positive amount, a validity that is either a future end date or a number of days, an
 * audience whose ids exist or whose saved filter the users list understands. Only a draft
 * can be changed: once sending starts, the offer is fixed.
 *
 * Input: the form's values and, on edit, the current row (locked by the engine); output: the
 * values to write. A staff member who may not see customers' masked fields may not filter the
 * audience on them either.
 */
import creditdesk from '#config/creditdesk'
import type { UseCase, UseCaseDeps } from '#services/use_case'
import type { CampaignRow } from '#services/campaigns/rows'
import { actorMay } from '#services/staff/actor_permissions'
import { BadRequest, InvalidInput, type FieldError } from '#exceptions/domain_errors'
import { parseAudienceFilter, parseSelectedIds } from '#services/campaigns/audience'

/** Largest voucher: 10^9 in the balance unit. */
const MAX_AMOUNT = 10n ** BigInt(9 + creditdesk.scale)

const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value)

export type CampaignForm = { values: Record<string, any>; current: CampaignRow | null }

const checkCampaign: UseCase<CampaignForm, Record<string, any>> = { handle: check }
export default checkCampaign

async function check({ values, current }: CampaignForm, { trx, actor }: UseCaseDeps) {
  if (current && current.status !== 'draft') throw new BadRequest(`Only a draft campaign can be changed; this one is ${current.status}`)
  const merged = { ...(current ?? {}), ...values }
  const errors: FieldError[] = []
  const refuse = (field: string, message: string) => errors.push({ field, message, rule: 'campaign' })

  for (const field of ['name', 'description']) {
    // eslint-disable-next-line no-control-regex
    if (typeof values[field] === 'string' && /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(values[field])) refuse(field, `"${field}" contains control characters`)
  }
  if (merged.name !== undefined && !String(merged.name ?? '').trim()) refuse('name', 'A campaign needs a name')

  const amount = BigInt(merged.amount ?? 0)
  if (amount <= 0n) refuse('amount', 'The amount must be greater than zero')
  if (amount > MAX_AMOUNT) refuse('amount', 'The amount is too large')

  const out: Record<string, any> = { ...values }
  if (merged.validity === 'fixed') {
    if (!merged.valid_until) refuse('valid_until', 'Choose the date the vouchers expire')
    else if (new Date(merged.valid_until) <= new Date()) refuse('valid_until', 'The end date must be in the future')
    out.valid_days = null
  } else if (merged.validity === 'days') {
    const days = merged.valid_days as number
    if (!Number.isInteger(days) || days < 1 || days > 3650) refuse('valid_days', 'Choose for how many days (1–3650) each voucher is valid')
    out.valid_until = null
  }

  try {
    if (merged.audience === 'selected') {
      const ids = parseSelectedIds(json(merged.customer_ids))
      const found = await trx.from('customers').whereRaw(`id = ANY (string_to_array(?, ',')::bigint[])`, [ids.join(',')]).count('* as n').first()
      if (Number(found?.n) !== ids.length) refuse('customer_ids', `${ids.length - Number(found?.n)} of the chosen customers do not exist`)
      out.audience_filter = null
    } else if (merged.audience === 'filter') {
      await parseAudienceFilter(json(merged.audience_filter), await actorMay(trx, actor, 'users', 'view_sensitive'))
      out.customer_ids = null
    } else if (merged.audience === 'all') {
      out.customer_ids = null
      out.audience_filter = null
    }
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error
    errors.push(...(error.errors ?? []))
  }
  if (errors.length) throw new InvalidInput(errors)

  if (!current) {
    out.created_by = actor.type === 'staff' ? actor.id : null
  }
  return out
}

/**
 * One customer of a campaign being sent (the `campaign-send` job, services/campaigns/
 * send_runner.ts, calls it once per customer, each in its own transaction): claim the unique
 * campaign_grants row (a concurrent or repeated run waits on it, then skips), then grant the
 * voucher — gift balance that expires — under the idempotency key
 * `campaign:<id>:customer:<customerId>` (a posting that exists is reused, never repeated), or
 * skip a frozen or missing customer. The actor is the staff member who sent the campaign.
 */
import { DateTime } from 'luxon'
import audit from '#services/audit'
import type { UseCase } from '#services/use_case'
import type { CampaignRow } from '#services/campaigns/rows'
import type { CustomerRow } from '#services/customers/rows'
import { grantVoucher } from '#services/ledger/grant_voucher'

export type CampaignGrantOutcome = 'granted' | 'skipped' | 'already'

const grantCampaignVoucher: UseCase<{ campaign: CampaignRow; customerId: number }, CampaignGrantOutcome> = {
  async handle({ campaign, customerId }, { trx, actor, facts }) {
    const claim = await trx.rawQuery(
      `INSERT INTO campaign_grants (campaign_id, customer_id, status, operator_id, memo) VALUES (?, ?, 'pending', ?, ?)
       ON CONFLICT (campaign_id, customer_id) DO NOTHING RETURNING id`,
      [campaign.id, customerId, actor.id, campaign.name] as any[]
    )
    if (!claim.rows.length) return 'already'
    const grantId = claim.rows[0].id

    const customer: CustomerRow | null = await trx.from('customers').where('id', customerId).forShare().first()
    if (!customer || customer.frozen) {
      await trx.from('campaign_grants').where('id', grantId).update({ status: 'skipped', skip_reason: customer ? 'frozen' : 'missing' })
      return 'skipped'
    }

    const key = `campaign:${campaign.id}:customer:${customerId}`
    const amount = BigInt(campaign.amount)
    const existing = await trx.from('ledger_transactions').where('idempotency_key', key).first()
    let transactionId: number
    let expiresAt: Date | null
    if (existing) {
      const lot = await trx.from('gift_lots').where('transaction_id', existing.id).first()
      transactionId = Number(existing.id)
      expiresAt = lot?.expires_at ? new Date(lot.expires_at) : null
    } else {
      expiresAt = campaign.validity === 'fixed' ? new Date(campaign.valid_until!) : DateTime.utc().plus({ days: campaign.valid_days! }).toJSDate()
      const posted = await grantVoucher(
        trx,
        { customerId, amount, expiresAt, idempotencyKey: key, source: { type: 'campaign', id: campaign.id }, memo: campaign.name },
        actor
      )
      transactionId = Number(posted.transaction.id)
      await audit.record(
        trx,
        { action: 'voucher_grant', resource: 'users', recordId: customerId, metadata: { campaignId: Number(campaign.id), transactionId, amount: posted.transaction.amount, expiresAt: expiresAt.toISOString() } },
        actor,
        facts
      )
    }
    await trx.from('campaign_grants').where('id', grantId).update({ status: 'granted', transaction_id: transactionId, amount: amount.toString(), expires_at: expiresAt })
    return 'granted'
  },
}
export default grantCampaignVoucher

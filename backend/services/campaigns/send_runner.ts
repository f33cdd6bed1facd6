/**
 * The `campaign-send` job: walks the campaign's audience by customer id (keyset, in batches)
 * and grants each customer the voucher — gift balance that expires — through the use case
 * actions/campaigns/grant_campaign_voucher.ts, one transaction per customer.
 *
 * Exactly once per (campaign, customer), whatever crashes: each customer is one database
 * transaction that first claims the unique campaign_grants row (a concurrent or repeated run
 * waits on it, then skips), then posts with the idempotency key
 * `campaign:<id>:customer:<customerId>` (a posting that exists is reused, never repeated).
 * Progress is counted from the rows, and the keyset position is saved after each batch, so a
 * restart resumes and its counts stay exact. Frozen customers are skipped and counted. A run
 * does at most `maxPerRun` customers and queues the next one, so no job runs for long.
 */
import db from '@adonisjs/lucid/services/db'
import { transaction } from '#services/transaction'
import logger from '@adonisjs/core/services/logger'
import audit, { SYSTEM_ACTOR, type Actor } from '#services/audit'
import jobs from '#services/jobs'
import grantCampaignVoucher from '#actions/campaigns/grant_campaign_voucher'
import { audienceQuery, usersResource } from '#services/campaigns/audience'
import { NO_REQUEST } from '#services/use_case'
import type { CampaignRow } from './rows.js'

/** The job that sends a campaign (queued by actions/campaigns/send_campaign.ts). */
export const SEND_JOB = 'campaign-send'
export const SEND_BATCH = 200
export const MAX_PER_RUN = 5_000

export type RunOutcome = 'sent' | 'continues' | 'idle'

export async function runCampaignSend(campaignId: number, options: { maxPerRun?: number; batchSize?: number } = {}): Promise<RunOutcome> {
  const campaign: CampaignRow | null = await db.from('campaigns').where('id', campaignId).first()
  if (!campaign) return 'idle'
  // the send action's transaction has not committed yet: let the queue retry
  if (campaign.status === 'draft') throw new Error(`campaign ${campaignId} is not marked for sending yet`)
  if (campaign.status !== 'sending') return 'idle'
  const users = await usersResource()

  try {
    if (campaign.validity === 'fixed' && new Date(campaign.valid_until!) <= new Date()) {
      throw new Error('The campaign end date passed while it was being sent')
    }
    if (!campaign.started_at) {
      const counted = await audienceQuery(db.connection(), campaign, users).count('* as n').first()
      await db.from('campaigns').where('id', campaignId).update({ started_at: new Date(), total: Number(counted?.n ?? 0) })
    }
    const operator = await operatorOf(campaign)
    const batchSize = options.batchSize ?? SEND_BATCH
    const maxPerRun = options.maxPerRun ?? MAX_PER_RUN
    let cursor = String(campaign.cursor_customer_id)
    let done = 0
    for (;;) {
      const batch = await audienceQuery(db.connection(), campaign, users).where('id', '>', cursor).orderBy('id').limit(Math.min(batchSize, maxPerRun - done)).select('id')
      if (!batch.length) {
        await finish(campaignId)
        return 'sent'
      }
      for (const row of batch) {
        const customerId = Number(row.id)
        await transaction((trx) => grantCampaignVoucher.handle({ campaign, customerId }, { trx, actor: operator, facts: NO_REQUEST }))
      }
      cursor = String(batch.at(-1).id)
      done += batch.length
      if ((await saveProgress(campaignId, cursor)) !== 'sending') return 'idle'
      if (done >= maxPerRun) {
        await jobs.send(SEND_JOB, { campaignId }, { singletonKey: `campaign:${campaignId}` })
        return 'continues'
      }
    }
  } catch (error: any) {
    logger.error({ err: error, campaignId }, 'campaign sending failed')
    await transaction(async (trx) => {
      const failed = await trx.from('campaigns').where({ id: campaignId, status: 'sending' }).update({ status: 'failed', last_error: String(error?.message ?? error).slice(0, 1000), updated_at: new Date() })
      if (failed) await audit.record(trx, { action: 'send.failed', resource: 'campaigns', recordId: campaignId, metadata: { error: String(error?.message ?? error).slice(0, 300) } }, SYSTEM_ACTOR, NO_REQUEST)
    })
    return 'idle'
  }
}

/** The staff member who sent the campaign acts on every grant (the ledger and audit name them). */
async function operatorOf(campaign: CampaignRow): Promise<Actor> {
  if (!campaign.sent_by) return SYSTEM_ACTOR
  const staff = await db.from('staff').leftJoin('roles', 'roles.id', 'staff.role_id').where('staff.id', campaign.sent_by).select('staff.id', 'staff.email', 'roles.name as role').first()
  return staff ? { type: 'staff', id: Number(staff.id), label: staff.email, role: staff.role } : SYSTEM_ACTOR
}

const COUNTS = `granted = (SELECT count(*) FROM campaign_grants WHERE campaign_id = campaigns.id AND status = 'granted'),
                skipped = (SELECT count(*) FROM campaign_grants WHERE campaign_id = campaigns.id AND status = 'skipped')`

async function saveProgress(campaignId: number, cursor: string) {
  const { rows } = await db.rawQuery(`UPDATE campaigns SET cursor_customer_id = ?, ${COUNTS}, updated_at = now() WHERE id = ? RETURNING status`, [cursor, campaignId])
  return rows[0]?.status as string | undefined
}

async function finish(campaignId: number) {
  await transaction(async (trx) => {
    const { rows } = await trx.rawQuery(
      `UPDATE campaigns SET status = 'sent', ${COUNTS}, finished_at = now(), updated_at = now() WHERE id = ? AND status = 'sending' RETURNING granted, skipped`,
      [campaignId]
    )
    if (!rows.length) return
    await trx.rawQuery('UPDATE campaigns SET total = granted + skipped WHERE id = ?', [campaignId])
    await audit.record(trx, { action: 'send.finished', resource: 'campaigns', recordId: campaignId, metadata: { granted: rows[0].granted, skipped: rows[0].skipped } }, SYSTEM_ACTOR, NO_REQUEST)
  })
}

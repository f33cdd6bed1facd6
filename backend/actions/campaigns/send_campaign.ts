/**
 * "Send" on a campaign: marks it sending and queues the `campaign-send` job, which does the
 * granting in the background (services/campaigns/send_runner.ts). Also resumes a campaign that
 * failed or whose job died: the job is idempotent per (campaign, customer), so sending again
 * never grants anyone twice. The engine writes the audit row (who pressed send, and when) in
 * this transaction.
 */
import type { EngineAction } from '#services/use_case'
import type { CampaignRow } from '#services/campaigns/rows'
import { BadRequest } from '#exceptions/domain_errors'
import jobs from '#services/jobs'
import { SEND_JOB } from '#services/campaigns/send_runner'

const sendCampaign: EngineAction<{}, CampaignRow> = {
  async handle({ record }, { trx, actor }) {
    const campaign = record!
    if (campaign.status === 'sent') throw new BadRequest('This campaign was already sent')
    if (campaign.validity === 'fixed' && new Date(campaign.valid_until!) <= new Date()) {
      throw new BadRequest('The vouchers would already be expired: the campaign end date has passed')
    }
    const now = new Date()
    await trx
      .from('campaigns')
      .where('id', campaign.id)
      .update({ status: 'sending', sent_by: campaign.sent_by ?? (actor.type === 'staff' ? actor.id : null), send_requested_at: now, last_error: null, finished_at: null, updated_at: now })
    await jobs.send(SEND_JOB, { campaignId: Number(campaign.id) }, { singletonKey: `campaign:${campaign.id}` })
    const resumed = campaign.status !== 'draft'
    return { message: resumed ? 'Sending resumed' : 'Sending started', auditMetadata: { resumed, from: campaign.status } }
  },
}
export default sendCampaign

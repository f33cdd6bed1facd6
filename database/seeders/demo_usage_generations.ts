/**
 * Demo generations (the platform's video and image jobs) for the content-review queue and the
 * holds list: each one through the hold use cases as a gateway drives them — a hold of the job's
 * price, then a capture with its output (completed), a release (failed, nothing charged), or still
 * open (processing); two completed ones turn out broken and are refunded once by operations.
 * Created now (the hold path posts at the present time); their rows are then dated over the last
 * week so the queue reads like one.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { type Actor } from '#services/audit'
import { transaction } from '#services/transaction'
import createHold from '#actions/holds/create_hold'
import captureHold from '#actions/holds/capture_hold'
import releaseHold from '#actions/holds/release_hold'
import refundGeneration from '#actions/holds/refund_generation'

const PROMPTS = [
  'A golden retriever surfing a wave at sunset, slow motion, cinematic lighting',
  'Aerial drone shot over a neon-lit Tokyo street in the rain, night',
  'A cup of coffee with steam rising, macro shot, morning light through a window',
  'Product shot: white sneakers rotating on a pedestal, studio background',
  'Timelapse of clouds rolling over mountain peaks, 4k',
  'A cat in an astronaut suit floating inside a space station',
  'Traditional Chinese ink painting of a crane taking flight, animated',
  'A chef tossing noodles in a wok with flames, close-up',
  'Cyberpunk city skyline with flying cars, camera pans left',
  'A child blowing dandelion seeds in a meadow, shallow depth of field',
  'Paper boats sailing down a rainy street gutter, whimsical',
  'Logo reveal: metallic letters assembling from particles',
  'An old lighthouse in a storm, waves crashing, dramatic',
  'Cherry blossoms falling in a quiet Kyoto temple garden',
  'A robot barista pouring latte art in a cozy cafe',
]
const VIDEO = [
  { model: 'veo-3-fast', seconds: '8' },
  { model: 'sora-2', seconds: '10' },
  { model: 'kling-2.1', seconds: '5' },
  { model: 'veo-3', seconds: '8' },
  { model: 'runway-gen4-turbo', seconds: '10' },
]

type Job = { customerId: number; apiKeyId: number }

/** `count` video generations spread over the given keys (the last three still processing). */
export async function seedDemoGenerations(jobs: Job[], count: number, now: number, random: () => number, ops: Actor, system: Actor) {
  const facts = { ip: null, userAgent: 'demo seed', requestId: 'seed' }
  const deps = (trx: TransactionClientContract, actor = system) => ({ trx, actor, facts })
  for (let i = 0; i < count; i++) {
    const job = jobs[i % jobs.length]
    const video = VIDEO[Math.floor(random() * VIDEO.length)]
    const prompt = PROMPTS[Math.floor(random() * PROMPTS.length)]
    const fails = random() < 0.12
    const ageMinutes = i >= count - 3 ? 2 + i - (count - 3) : 30 + Math.floor(random() * 7 * 24 * 60)
    await transaction(async (trx) => {
      const { hold, generation } = await createHold.handle(
        {
          customerId: job.customerId,
          apiKeyId: job.apiKeyId,
          model: video.model,
          units: video.seconds,
          idempotencyKey: `ext:demo:generation:${i}`,
          expiresIn: 86_400,
          generation: { type: 'video', prompt },
        },
        deps(trx)
      )
      const at = new Date(now - ageMinutes * 60_000)
      if (i < count - 3) {
        if (fails) await releaseHold.handle({ holdId: Number(hold.id), failureReason: 'Upstream rejected the prompt (safety filter)' }, deps(trx))
        else await captureHold.handle({ holdId: Number(hold.id), outputUrls: [`https://cdn.example.com/generations/${generation!.id}.mp4`] }, deps(trx))
        if (!fails && i % 17 === 5) {
          const reason = 'Output was a black frame; credits returned'
          const row = await trx.from('generations').where('id', generation!.id).firstOrFail()
          const done = await refundGeneration.handle({ record: row, fields: {}, reason }, deps(trx, ops))
          await audit.record(trx, { action: 'refund', resource: 'generations', recordId: generation!.id, reason, metadata: done.result ?? null }, ops, facts)
        }
      }
      // when the job ran (the postings themselves stay at the present time)
      await trx.rawQuery('UPDATE holds SET created_at = ?, updated_at = ?, settled_at = CASE WHEN settled_at IS NULL THEN NULL ELSE ?::timestamptz END WHERE id = ?', [at, at, new Date(at.getTime() + 150_000), hold.id])
      await trx.rawQuery('UPDATE generations SET created_at = ?, updated_at = ?, completed_at = CASE WHEN completed_at IS NULL THEN NULL ELSE ?::timestamptz END WHERE id = ?', [at, at, new Date(at.getTime() + 150_000), generation!.id])
    })
  }
  return count
}

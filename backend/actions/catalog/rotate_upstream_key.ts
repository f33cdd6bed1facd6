/**
 * Rotates an upstream key (engine action `rotate` on upstream-keys, finance): the new secret
 * from the provider becomes a new active key of the same channel, due for rotation in 30 days;
 * the old one keeps serving for a 7-day overlap (`retire_at`), then the rotation job retires it.
 * The engine has locked the old key and audits the rotation; the new key's creation is audited
 * here, in the same transaction. Neither audit row holds the secret.
 */
import type { EngineAction } from '#services/use_case'
import audit from '#services/audit'
import { Conflict, InvalidInput } from '#exceptions/domain_errors'
import { checkSecret, daysFrom, newKeyValues, openSecret, OVERLAP_DAYS } from '#services/catalog/upstream_keys'

const rotateUpstreamKey: EngineAction<{ secret?: string }> = {
  async handle({ record, fields }, { trx, actor, facts }) {
    const old = record!
    if (old.status !== 'active') throw new Conflict('Only an active key can be rotated')
    if (old.replaced_by_id) throw new Conflict(`This key was already rotated (replacement: key ${old.replaced_by_id})`)
    const secret = checkSecret('secret', fields.secret)
    if (secret === openSecret(old.secret_encrypted)) {
      throw new InvalidInput([{ field: 'secret', message: 'The new key must differ from the current one', rule: 'different' }])
    }

    const now = new Date()
    const [replacement] = await trx
      .insertQuery()
      .table('upstream_keys')
      .insert(newKeyValues(old.channel_id, old.name, secret, actor.type === 'staff' ? actor.id : null, now))
      .returning(['id', 'channel_id', 'name', 'prefix', 'status', 'rotation_due_at'])
    const retireAt = daysFrom(now, OVERLAP_DAYS)
    await trx.from('upstream_keys').where('id', old.id).update({ replaced_by_id: replacement.id, retire_at: retireAt, updated_at: now })
    await audit.record(
      trx,
      {
        action: 'create',
        resource: 'upstream-keys',
        recordId: replacement.id,
        after: { ...replacement, id: Number(replacement.id), rotation_due_at: replacement.rotation_due_at.toISOString() },
        metadata: { rotated_from: Number(old.id) },
      },
      actor,
      facts
    )
    return {
      message: `New key ${replacement.prefix} is active; ${old.prefix} keeps working until ${retireAt.toISOString()}`,
      result: { replacement_id: Number(replacement.id), prefix: replacement.prefix, retire_at: retireAt.toISOString() },
      resultTypes: { retire_at: { type: 'datetime', label: { 'en': 'Old key retires at', 'zh-CN': '旧密钥退役时间' } } },
      auditMetadata: { replacement_id: Number(replacement.id) },
    }
  },
}

export default rotateUpstreamKey

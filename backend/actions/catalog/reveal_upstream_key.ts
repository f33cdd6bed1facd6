/**
 * Shows an upstream key's secret once (engine action `reveal` on upstream-keys). Needs the
 * action and `view_sensitive` on upstream-keys (finance by default); the engine audits the
 * reveal in this transaction, never the secret itself (results are not audited).
 */
import type { EngineAction } from '#services/use_case'
import { Forbidden } from '#exceptions/domain_errors'
import permissions from '#services/permissions'
import { openSecret } from '#services/catalog/upstream_keys'

const revealUpstreamKey: EngineAction = {
  async handle({ record }, { trx, actor }) {
    const role = actor.type === 'staff' && actor.role ? await trx.from('roles').where('name', actor.role).select('id').first() : null
    if (!role || !(await permissions.allows(Number(role.id), 'upstream-keys', 'view_sensitive'))) {
      throw new Forbidden('Revealing an upstream key needs the view_sensitive permission on upstream keys')
    }
    return {
      message: `Key ${record!.prefix} revealed`,
      result: { secret: openSecret(record!.secret_encrypted) },
      once: true,
      auditMetadata: { field: 'secret' },
    }
  },
}

export default revealUpstreamKey

/** The `contracts-expire` job's body: the use case in its own transaction, as the system. */
import { transaction } from '#services/transaction'
import { SYSTEM_ACTOR } from '#services/audit'
import { NO_REQUEST } from '#services/use_case'
import expireContracts from '#actions/contracts/expire_contracts'

export function expireDueContracts(today?: string) {
  return transaction((trx) => expireContracts.handle({ today }, { trx, actor: SYSTEM_ACTOR, facts: NO_REQUEST }))
}

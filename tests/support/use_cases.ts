/**
 * Calling a use case from a test the way the HTTP layer does (http/use_cases.ts), without HTTP:
 * in a `transaction()`, as the given actor (the system by default), with no request facts.
 */
import { SYSTEM_ACTOR, type Actor, type RequestFacts } from '#services/audit'
import { transaction } from '#services/transaction'
import { NO_REQUEST, type UseCase } from '#services/use_case'

export function runUseCase<I, O>(useCase: UseCase<I, O>, input: I, as: { actor?: Actor; facts?: RequestFacts } = {}): Promise<O> {
  return transaction((trx) => useCase.handle(input, { trx, actor: as.actor ?? SYSTEM_ACTOR, facts: as.facts ?? NO_REQUEST }))
}

/** The actor a staff row acts as (what the HTTP layer derives from the session). */
export function staffActor(staff: { id: number; email: string }, role: string | null = null): Actor {
  return { type: 'staff', id: staff.id, label: staff.email, role }
}

/** A use case that returns its refusals (`{ refused }`, committed with their audit rows) answers with them, as the HTTP layer does. */
export async function answered<O extends { refused?: Error }>(outcome: Promise<O>): Promise<Extract<O, { refused?: undefined }>> {
  const result = await outcome
  if (result.refused) throw result.refused
  return result as Extract<O, { refused?: undefined }>
}

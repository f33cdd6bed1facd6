/**
 * How the HTTP layer calls a use case: in a new transaction (`transaction()`, retried on
 * deadlock or serialization failure), as the signed-in actor, with the request's facts.
 */
import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { actorOf, requestFacts } from '#services/audit'
import { transaction } from '#services/transaction'
import type { UseCase, UseCaseDeps } from '#services/use_case'

/** The deps of a use case called for this request, in `trx`. */
export function depsFor(ctx: HttpContext, trx: TransactionClientContract): UseCaseDeps {
  return { trx, actor: actorOf(ctx), facts: requestFacts(ctx) }
}

export function runUseCase<I, O>(ctx: HttpContext, useCase: UseCase<I, O>, input: I): Promise<O> {
  return transaction((trx) => useCase.handle(input, depsFor(ctx, trx)))
}

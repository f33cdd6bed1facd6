/** Refusals of the hold API, with a machine-readable `code` in the body (VERIFY_REFUSALS spelling). */
import { Conflict, DomainError } from '#exceptions/domain_errors'
import type { HoldStatus } from '#contract/usage'

/** 402: the balance cannot cover the hold, or the customer owes arrears. Nothing is written. */
export class HoldRefused extends DomainError {
  status = 402
  code = 'E_INSUFFICIENT_FUNDS'
  constructor(message: string) {
    super(message)
    this.extra = { code: 'INSUFFICIENT_FUNDS' }
  }
}

/** 409: the hold was already settled another way (or captured with another amount). */
export class HoldSettled extends Conflict {
  constructor(message: string, status: HoldStatus) {
    super(message)
    this.extra = { status }
  }
}

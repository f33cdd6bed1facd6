/**
 * Console: staff set the time zone whose midnight starts a customer's daily and monthly quota
 * periods (IANA name, e.g. Asia/Shanghai). Counters of periods already started keep their
 * period; the next one starts at the new zone's midnight. Audited by the engine.
 */
import type { EngineAction } from '#services/use_case'
import { BadRequest, InvalidInput } from '#exceptions/domain_errors'
import { isTimeZone } from '#validators/time_zone'

const setCustomerTimeZone: EngineAction<{ time_zone?: string }, { id: string; time_zone: string }> = {
  async handle({ record, fields }, { trx }) {
    const zone = String(fields.time_zone ?? '').trim()
    if (!(await isTimeZone(trx, zone))) {
      throw new InvalidInput([{ field: 'time_zone', message: 'Give an IANA time zone such as Asia/Shanghai or UTC', rule: 'timeZone' }])
    }
    if (zone === record!.time_zone) throw new BadRequest(`The time zone is already ${zone}`)
    await trx.from('customers').where('id', record!.id).update({ time_zone: zone, updated_at: new Date() })
    return { message: `Time zone set to ${zone}` }
  },
}
export default setCustomerTimeZone

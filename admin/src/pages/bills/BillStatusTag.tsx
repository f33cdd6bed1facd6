import { BILL_INVOICE_STATUSES, BILL_STATUSES } from '@creditdesk/contract/bills'
import type { ResourceMeta } from '../../meta/types'
import { OptionTag } from './OptionTag'

const CONTRACT_OPTIONS = { status: BILL_STATUSES, invoice_status: BILL_INVOICE_STATUSES }

/** A bill's status or invoicing status: the options the bills resource declares, else the shared vocabulary's. */
export function BillStatusTag({ resource, field, value }: { resource: ResourceMeta; field: 'status' | 'invoice_status'; value: unknown }) {
  const declared = resource.fields.find((f) => f.name === field)?.options
  return <OptionTag options={declared?.length ? declared : CONTRACT_OPTIONS[field]} value={value} testId={`bill-${field}`} />
}

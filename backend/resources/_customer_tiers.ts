import { l } from './_labels.js'

/** The customer tiers (customers.tier; set by operations on the customer): one list for every declaration that shows them. */
export const CUSTOMER_TIERS = [
  { value: 'free', label: l('Free', '免费'), color: 'default' },
  { value: 'basic', label: l('Basic', '基础'), color: 'blue' },
  { value: 'pro', label: l('Pro', '专业'), color: 'purple' },
  { value: 'enterprise', label: l('Enterprise', '企业'), color: 'gold' },
]

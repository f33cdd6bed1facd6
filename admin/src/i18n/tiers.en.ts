/** English strings of the customer page's tier panel (pages/customer/CustomerTier.tsx). */
export default {
  title: 'Tier',
  failed: 'The tier could not be loaded',
  tier: 'Tier',
  source: 'Source',
  rpm: 'Requests per minute',
  tpm: 'Tokens per minute',
  maxKeys: 'API keys allowed',
  recharged: 'Cumulative recharge',
  until: 'Override until {{time}}',
  nextLabel: 'Next tier',
  next: '{{tier}} after {{amount}} more',
  top: 'Highest tier reached by recharges',
  unlimited: 'Unlimited',
}

/** English: plan quotas, notifications and the account tier (merged into en.ts). */
const accountEn = {
  quotas: {
    title: 'Plan quotas',
    description: 'What your plans include in each period, how much of it you have used and when each count starts again (times in your time zone).',
    refresh: 'Refresh quotas',
    loadFailed: 'Your quotas could not be loaded',
    empty: 'None of your plans counts features. Plans with quotas appear here once bought.',
    buyPlan: 'See plans',
    plan: 'Plan: {{plan}}',
    noPlan: 'Other quotas',
    usedOf: '{{used}} of {{limit}} used',
    usedUnlimited: '{{used}} used',
    unlimited: 'Unlimited',
    barLabel: '{{feature}}: {{percent}}% used',
    exhausted: 'Used up for this period.',
    resetsAt: 'Resets {{at}} ({{relative}})',
    neverResets: 'Does not reset (lifetime quota)',
    alert: '{{feature}}: {{threshold}}% of this period’s quota used',
    alertFull: '{{feature}}: this period’s quota is used up',
    alertAt: 'Alert sent {{at}}',
  },
  notifications: {
    title: 'Notifications',
    bell: 'Notifications ({{count}} unread)',
    markRead: 'Mark read',
    markAllRead: 'Mark all read',
    empty: 'No notifications yet',
    loadFailed: 'Notifications could not be loaded.',
  },
  tier: {
    current: 'Your tier',
    until: 'until {{date}}',
    rpm: 'Requests per minute',
    tpm: 'Tokens per minute',
    maxKeys: 'API keys allowed',
    unlimited: 'Unlimited',
    next: 'Recharge {{amount}} more to reach {{tier}}.',
    top: 'You are on the highest tier.',
    fixed: 'Your tier is set for your account and does not change with recharges.',
  },
}

export default accountEn

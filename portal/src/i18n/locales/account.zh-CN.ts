import type accountEn from './account.en'

/** 简体中文：套餐配额、站内通知与账号等级（并入 zh-CN.ts），键名与 account.en.ts 一致。 */
const accountZhCN: typeof accountEn = {
  quotas: {
    title: '套餐配额',
    description: '您的套餐在每个周期内包含的额度、已用数量以及各项额度重新计数的时间（按您所在时区显示）。',
    refresh: '刷新配额',
    loadFailed: '无法加载您的配额',
    empty: '您的套餐没有按功能计数的配额。购买含配额的套餐后会显示在这里。',
    buyPlan: '查看套餐',
    plan: '套餐：{{plan}}',
    noPlan: '其他配额',
    usedOf: '已用 {{used}} / {{limit}}',
    usedUnlimited: '已用 {{used}}',
    unlimited: '不限量',
    barLabel: '{{feature}}：已用 {{percent}}%',
    exhausted: '本周期额度已用完。',
    resetsAt: '{{at}} 重置（{{relative}}）',
    neverResets: '不重置（永久配额）',
    alert: '{{feature}}：本周期配额已用 {{threshold}}%',
    alertFull: '{{feature}}：本周期配额已用完',
    alertAt: '提醒时间 {{at}}',
  },
  notifications: {
    title: '通知',
    bell: '通知（{{count}} 条未读）',
    markRead: '标为已读',
    markAllRead: '全部标为已读',
    empty: '暂无通知',
    loadFailed: '无法加载通知。',
  },
  tier: {
    current: '当前等级',
    until: '有效期至 {{date}}',
    rpm: '每分钟请求数',
    tpm: '每分钟 Token 数',
    maxKeys: '可创建密钥数',
    unlimited: '不限',
    next: '再充值 {{amount}} 即可升级到 {{tier}}。',
    top: '您已是最高等级。',
    fixed: '您的等级为账号专属设置，不随充值变化。',
  },
}

export default accountZhCN

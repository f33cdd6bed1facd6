import tiersZhCN from './tiers.zh-CN'
import type { Dictionary } from './en'
import reportsZhCN from './reports.zh-CN'
import filesZhCN from './files.zh-CN'
import orgsZhCN from './orgs.zh-CN'
import billsZhCN from './bills.zh-CN'

/** 简体中文界面文案。键名与 en.ts 一一对应（类型检查保证不缺键）。 */
const zhCN: Dictionary = {
  app: { title: 'Creditdesk', tagline: '员工后台' },
  buttons: {
    create: '新建', edit: '编辑', show: '查看', delete: '删除', save: '保存', cancel: '取消',
    confirm: '确定吗？', logout: '退出登录', refresh: '刷新', filter: '筛选', clear: '清除',
    list: '列表', clone: '复制', export: '导出 CSV', reveal: '显示', hide: '隐藏', reset: '重置',
    columns: '列', more: '更多', close: '关闭', retry: '重试', ok: '确定',
    collapseMenu: '收起菜单', expandMenu: '展开菜单',
    notAccessTitle: '你没有执行此操作的权限',
  },
  actions: { list: '列表', create: '新建', edit: '编辑', show: '详情', clone: '复制' },
  notifications: {
    success: '成功', error: '错误（状态码：{{statusCode}}）',
    createSuccess: '已创建{{resource}}', createError: '创建{{resource}}失败（状态码：{{statusCode}}）',
    editSuccess: '已保存{{resource}}', editError: '保存{{resource}}失败（状态码：{{statusCode}}）',
    deleteSuccess: '已删除{{resource}}', deleteError: '删除{{resource}}失败（状态码：{{statusCode}}）',
    undoable: '{{seconds}} 秒内可撤销',
  },
  warnWhenUnsavedChanges: '有未保存的修改，确定要离开吗？',
  documentTitle: { default: 'Creditdesk', suffix: ' | Creditdesk' },
  common: { yes: '是', no: '否', all: '全部', empty: '暂无数据', loading: '加载中…', from: '从', to: '至', id: 'ID' },
  header: { language: '语言', signedInAs: '当前登录' },
  menu: { dashboard: '仪表盘', rolesPolicies: '角色与权限', usageGrouped: '用量汇总', reports: '数据报表' },
  reports: reportsZhCN,
  usage: {
    title: '按模型、渠道、Key 或用户汇总用量', by: { model: '模型', channel: '渠道', key: 'Key 前缀', customer: '用户' },
    range: '日期范围', anyStatus: '全部状态', none: '（无）', totals: '合计', requests: '请求数',
    input_tokens: '输入 Tokens', output_tokens: '输出 Tokens', cache_read_tokens: '缓存读取 Tokens', cache_write_tokens: '缓存写入 Tokens',
    charged: '扣费金额', cost: '供应商成本', margin: '毛利', cache_savings: '缓存节约',
    topGroups: '仅列出扣费最高的 200 组；合计包含全部匹配的请求。',
  },
  pages: {
    login: {
      title: '登录 Creditdesk', subtitle: '员工后台',
      fields: { email: '邮箱', password: '密码' },
      signin: '登录',
      errors: {
        requiredEmail: '请输入邮箱', validEmail: '请输入有效的邮箱地址', requiredPassword: '请输入密码',
        invalid: '邮箱或密码错误。', locked: '尝试次数过多，请在 {{seconds}} 秒后重试。',
        lockedNoTime: '尝试次数过多，请稍后再试。', network: '无法连接服务器，请重试。',
      },
    },
    error: {
      notFound: '页面不存在。', forbidden: '你无权访问此页面。',
      backHome: '返回仪表盘', metaFailed: '无法加载后台配置。',
      unknownResource: '未知资源“{{name}}”。',
    },
  },
  list: {
    search: '搜索…', total: '共 {{count}} 条', actions: '操作', selected: '已选 {{count}} 项',
    columns: '列', resetColumns: '显示全部', clearFilters: '清除筛选', rangeMin: '最小', rangeMax: '最大',
    noRecords: '没有匹配的记录', selectAll: '不限',
    moreFilters: '更多筛选', clearAll: '全部清除', showResults: '查看结果', totals: '筛选结果合计', count: '笔数',
  },
  views: {
    title: '视图', none: '还没有保存的视图', name: '视图名称', save: '保存', saved: '已保存视图“{{name}}”',
    saveHint: '保存当前的筛选、排序和列', delete: '删除视图“{{name}}”',
  },
  show: { details: '详情', history: '变更历史', noHistory: '暂无变更记录。', related: '关联', noRelated: '暂无记录', allRows: '全部 {{count}} 条' },
  form: {
    invalidJson: '必须是合法的 JSON', invalidMoney: '请输入小数金额，例如 12.50', placeholder: '请输入{{label}}',
    selectPlaceholder: '请选择{{label}}',
    sensitiveUnchanged: '{{masked}}（留空则保持不变）',
    invalidPhone: '请输入有效的手机号',
    addCurrency: '添加币种', removeCurrency: '删除 {{currency}} 价格', priceRequired: '请至少填写一个币种的价格',
    amount_format: '{{currency}}：请输入数字，如 9.90', amount_zero: '{{currency}}：必须大于零', amount_precision: '{{currency}}：最多 {{digits}} 位小数',
  },
  sensitive: { masked: '已隐藏', reveal: '显示', revealFailed: '无法显示该值' },
  action: {
    confirm: '确定要对 {{target}} 执行“{{action}}”吗？', confirmBulk: '对 {{count}} 条记录执行“{{action}}”？',
    confirmCollection: '执行“{{action}}”？', reason: '原因', reasonHelp: '将记录在审计日志中',
    reasonRequired: '请填写原因', done: '完成', resultTitle: '请立即复制，此内容不会再次显示。',
    refused: '操作被拒绝',
    fileDownloaded: '已下载 {{name}}', downloadAgain: '再次下载 {{name}}',
    download: '下载 {{name}}',
    forTarget: '对象：{{target}}',
  },
  export: {
    title: '正在导出{{resource}}', rows_one: '{{count}} 行', rows_other: '{{count}} 行', rowsOf: '{{count}} / {{total}} 行',
    done_one: '导出完成：{{count}} 行', done_other: '导出完成：{{count}} 行',
    failed: '导出失败', cancelled: '已取消导出', starting: '准备中…',
  },
  diff: { field: '字段', before: '修改前', after: '修改后', noChanges: '没有字段变更', added: '新增', removed: '移除', changed: '修改' },
  audit: {
    title: '审计日志', systemActor: '系统', actor: '操作人', resource: '资源', action: '动作', time: '时间', record: '记录',
    reason: '原因', ip: 'IP', changes: '变更', anyActor: '任意操作人', anyResource: '任意资源', anyAction: '任意动作',
    resourceNames: { staff: '员工', roles: '角色', 'audit-logs': '审计日志', 'saved-views': '已保存视图' },
    actions: {
      create: '创建', update: '修改', delete: '删除', export: '导出', reveal: '查看敏感信息',
      login: '登录', signed_in: '登录', login_failed: '登录失败', login_locked: '登录锁定',
      login_refused: '登录被拒', logout: '退出登录', access_denied: '拒绝访问',
      permissions_update: '修改权限', register: '注册', password_change: '修改密码',
      password_reset: '重置密码', profile_update: '修改资料', sessions_revoke_others: '退出其他会话',
      redeem: '兑换', redeem_failed: '兑换失败', redeem_locked: '兑换锁定',
      usage_charge: '消费扣费', voucher_grant: '发放代金券', voucher_expiry: '代金券过期', expire: '过期',
      send_finished: '发放完成', send_failed: '发放失败', audit_prune: '清理审计日志', audit_verify: '校验完整性', seed: '创建演示数据',
      file_upload: '上传文件', file_link: '生成下载链接', file_download: '下载文件', sign: '签署', accept: '接受',
      overdue: '账单逾期', billing_suspension: '欠费停用', billing_suspension_lift: '解除欠费停用',
      reconcile_bill: '账单对账', invoice_request: '申请开票', invoice_cancel: '取消开票申请',
    },
    integrity: {
      verify: '校验完整性', intact: '审计日志与账务流水完整', broken: '发现篡改',
      failedToRun: '完整性校验无法执行', chainIntact: '已封存 {{count}} 行，最新封存序号 {{head}}',
      checkedAt: '校验时间 {{time}}', chains: { audit: '审计日志', ledger: '账务流水' },
      kinds: {
        row_altered: '封存后被修改', row_deleted: '记录被删除', seal_missing: '封存缺失',
        seal_forged: '封存被伪造', checkpoint_forged: '清理检查点被伪造', unsealed: '存在未封存记录',
      },
    },
  },
  file: filesZhCN,
  org: orgsZhCN,
  bill: billsZhCN,
  customer: {
    tier: tiersZhCN,
    active: '正常', frozen: '已冻结', moreActions: '更多操作', openList: '在完整列表中查看', review: '去复核',
    statusTag: '{{field}}：{{value}}',
    pendingAdjustments_one: '{{count}} 笔余额调整等待另一位财务人员复核',
    pendingAdjustments_other: '{{count}} 笔余额调整等待另一位财务人员复核',
    balances: {
      title: '余额', failed: '余额加载失败',
      cash: '现金余额', gift: '代金券余额', onHold: '冻结中', arrears: '欠款',
      cashHelp: '用户充值的金额，可消费、退款或调整',
      giftHelp: '代金券和兑换码额度，会过期，不可退款',
      onHoldHelp: '退款处理中或信用卡争议期间从余额中冻结的金额',
      arrearsHelp: '用户所欠金额，下次充值时优先结清',
    },
    tabs: {
      orders: '订单', refunds: '退款', ledger: '账务流水', vouchers: '代金券', codes: '兑换码',
      cashAdjustments: '余额调整', statement: '月度对账单', history: '操作记录',
    },
    statement: { month: '月份', failed: '对账单加载失败', empty: '本月没有扣费' },
  },
  roleNames: { super_admin: '超级管理员', operations: '运营', finance: '财务', support: '客服', auditor: '审计员' },
  dashboard: {
    title: '仪表盘', today: '今日',
    periodsNote: '日、周（周一起）、月、年均按 {{zone}} 计算，截至当前 · 数据时间 {{time}} · 点击卡片查看趋势',
    marginRate: '毛利率 {{rate}}', trendOf: '{{card}}趋势', noTrend: '该期间暂无数据',
    by: { hour: '按小时', day: '按天', month: '按月' },
    transactions_one: '{{count}} 笔', transactions_other: '{{count}} 笔',
    money: { recharged: '充值', codesRedeemed: '兑换码兑换', vouchersGranted: '代金券发放', usageCharged: '消费扣费' },
    payments: { refundsToday: '退款', refundsWaiting: '待审核退款', orphans: '已支付未到账订单' },
  },
  permissions: { view: '查看', create: '新建', edit: '编辑', delete: '删除', export: '导出', view_sensitive: '查看敏感信息', verify_integrity: '校验完整性' },
  roles: {
    title: '角色与权限', role: '角色', roles: '角色', newRole: '新建角色', name: '名称（标识）', label: '显示名',
    description: '描述', nameHelp: '小写字母、数字和下划线', resource: '资源',
    previewChanges: '预览变更', preview: '{{role}} 的变更', added: '授予', removed: '撤销',
    noChanges: '没有需要保存的变更。', apply: '应用变更', saved: '已保存 {{role}} 的权限', created: '已创建角色 {{role}}',
    systemReadOnly: '超级管理员始终拥有全部权限，不可编辑。', system: '系统',
    discard: '放弃', pending_one: '{{count}} 项待保存变更', pending_other: '{{count}} 项待保存变更', allInRow: '全部', otherActions: '业务操作',
  },
}

export default zhCN

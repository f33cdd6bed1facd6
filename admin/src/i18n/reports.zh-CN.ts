import type reportsEn from './reports.en'

/** 报表页面的中文文案（pages/reports），键名与 reports.en.ts 一致。 */
const reportsZhCN: typeof reportsEn = {
  title: '数据报表',
  how: '本报表的计算方式',
  none: '您的角色没有可查看的报表。',
  unknown: '不存在报表“{{id}}”。',
  noData: '该时间范围内没有数据。',
  totals: '合计',
  weekOf: '{{date}}当周',
  range: '日期范围',
  zone: '时区',
  csv: '下载 CSV',
  granularity: { day: '日', week: '周', month: '月' },
  presets: { last7: '最近 7 天', last30: '最近 30 天', last90: '最近 90 天', thisMonth: '本月', thisYear: '今年' },
  duration: { ms: '{{value}} 毫秒', s: '{{value}} 秒', minS: '{{min}} 分 {{s}} 秒', hMin: '{{h}} 小时 {{min}} 分' },
  exports: {
    title: '后台导出',
    start: '后台导出',
    help: '适用于较长的时间范围：文件在服务器上生成，可在一段时间内下载。',
    failed: '导出失败。',
    rows: '{{count}} 行',
    none: '暂无导出记录',
    report: '报表',
    range: '范围',
    status: '状态',
    rowsTitle: '行数',
    created: '发起时间',
    requestedBy: '发起人',
    file: '文件',
    download: '下载',
    expires: '链接于 {{at}} 过期',
    linkExpired: '链接已过期',
  },
}

export default reportsZhCN

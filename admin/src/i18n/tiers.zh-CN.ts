/** 客户页等级面板的中文（pages/customer/CustomerTier.tsx）。 */
export default {
  title: '账号等级',
  failed: '等级信息加载失败',
  tier: '等级',
  source: '来源',
  rpm: '每分钟请求数',
  tpm: '每分钟 Token 数',
  maxKeys: '可用 API 密钥数',
  recharged: '累计充值',
  until: '人工调级至 {{time}}',
  nextLabel: '下一等级',
  next: '再充值 {{amount}} 升级到 {{tier}}',
  top: '已达到充值可升级的最高等级',
  unlimited: '不限',
}

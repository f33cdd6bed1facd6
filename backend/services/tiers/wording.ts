/** How a customer's limits read in a notification, in both languages. */
const grouped = (n: string | number, locale: string) => BigInt(n).toLocaleString(locale)

export function describeLimits(rpm: number | null, tpm: string | null) {
  const en = `Your limits: ${rpm === null ? 'unlimited requests' : `${grouped(rpm, 'en-US')} requests`} and ${tpm === null ? 'unlimited tokens' : `${grouped(tpm, 'en-US')} tokens`} per minute.`
  const zh = `您的限额：每分钟${rpm === null ? '不限请求数' : ` ${grouped(rpm, 'zh-CN')} 次请求`}，${tpm === null ? '不限 Token 数' : `${grouped(tpm, 'zh-CN')} 个 Token`}。`
  return { 'en': en, 'zh-CN': zh }
}

export type DeviceKind = 'desktop' | 'mobile' | 'tablet' | 'other'

export interface UserAgentSummary {
  browser: string | null
  os: string | null
  device: DeviceKind
}

const BROWSERS: Array<[RegExp, string]> = [
  [/EdgA?\/(\d+)|Edg(?:iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)|Opera\/(\d+)/, 'Opera'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/YaBrowser\/(\d+)/, 'Yandex'],
  [/MicroMessenger\/(\d+)/, 'WeChat'],
  [/UCBrowser\/(\d+)/, 'UC Browser'],
  [/Firefox\/(\d+)|FxiOS\/(\d+)/, 'Firefox'],
  [/CriOS\/(\d+)/, 'Chrome'],
  [/Chromium\/(\d+)/, 'Chromium'],
  [/Chrome\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[\d.]*.*Safari\//, 'Safari'],
  [/Trident\/.*rv:(\d+)/, 'Internet Explorer'],
]

const CLIENTS: Array<[RegExp, string]> = [
  [/^curl\/([\d.]+)/i, 'curl'],
  [/^PostmanRuntime\/([\d.]+)/i, 'Postman'],
  [/^python-requests\/([\d.]+)/i, 'Python requests'],
  [/^okhttp\/([\d.]+)/i, 'OkHttp'],
  [/^axios\/([\d.]+)/i, 'axios'],
  [/^node(?:-fetch)?\/?([\d.]*)/i, 'Node.js'],
  [/^Go-http-client\/([\d.]+)/i, 'Go'],
]

function detectOs(ua: string): string | null {
  let m: RegExpMatchArray | null
  if ((m = ua.match(/(?:iPhone|iPod).*?OS (\d+)[_\d]*/))) return `iOS ${m[1]}`
  if ((m = ua.match(/iPad.*?OS (\d+)[_\d]*/))) return `iPadOS ${m[1]}`
  if ((m = ua.match(/Android (\d+(?:\.\d+)?)/))) return `Android ${m[1].replace(/\.0$/, '')}`
  if (/Android/.test(ua)) return 'Android'
  if (/HarmonyOS/.test(ua)) return 'HarmonyOS'
  if (/Windows Phone/.test(ua)) return 'Windows Phone'
  if (/Windows NT 10/.test(ua)) return 'Windows'
  if ((m = ua.match(/Windows NT (\d+\.\d+)/))) {
    const names: Record<string, string> = { '6.3': 'Windows 8.1', '6.2': 'Windows 8', '6.1': 'Windows 7' }
    return names[m[1]] ?? 'Windows'
  }
  if (/CrOS/.test(ua)) return 'ChromeOS'
  if (/Mac OS X|Macintosh/.test(ua)) return 'macOS'
  if (/Ubuntu/.test(ua)) return 'Ubuntu'
  if (/Linux/.test(ua)) return 'Linux'
  return null
}

function detectDevice(ua: string): DeviceKind {
  if (/iPad|Tablet|Android(?!.*Mobile)/.test(ua)) return 'tablet'
  if (/Mobi|iPhone|iPod|Windows Phone/.test(ua)) return 'mobile'
  if (/Windows|Macintosh|Mac OS X|Linux|CrOS|X11/.test(ua)) return 'desktop'
  return 'other'
}

/** Turns a raw User-Agent into "Chrome 120" / "macOS" / desktop. Unknown parts are null. */
export function summariseUserAgent(userAgent: string | null | undefined): UserAgentSummary {
  const ua = (userAgent ?? '').trim()
  if (!ua) return { browser: null, os: null, device: 'other' }

  for (const [re, name] of CLIENTS) {
    const m = ua.match(re)
    if (m) return { browser: m[1] ? `${name} ${m[1]}` : name, os: null, device: 'other' }
  }

  let browser: string | null = null
  for (const [re, name] of BROWSERS) {
    const m = ua.match(re)
    if (m) {
      const version = m.slice(1).find(Boolean)
      browser = version ? `${name} ${version}` : name
      break
    }
  }
  return { browser, os: detectOs(ua), device: detectDevice(ua) }
}

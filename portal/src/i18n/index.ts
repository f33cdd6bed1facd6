import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import dayjs from 'dayjs'
import localizedFormat from 'dayjs/plugin/localizedFormat'
import relativeTime from 'dayjs/plugin/relativeTime'
import 'dayjs/locale/zh-cn'
import { browserStorage, dayjsLocale, languageMemory, LANGUAGES, translatorOptions, type Language } from '@creditdesk/contract/i18n'
import en from './locales/en'
import zhCN from './locales/zh-CN'
import { setRequestLanguage } from '../api/client'

dayjs.extend(localizedFormat)
dayjs.extend(relativeTime)

export { LANGUAGES }
export type LanguageCode = Language

export const LANGUAGE_STORAGE_KEY = 'creditdesk.portal.language'

/** The portal's remembered language (the setup itself is the contract's, shared with the console). */
const memory = languageMemory(browserStorage, LANGUAGE_STORAGE_KEY)

export const detectLanguage = (): LanguageCode => memory.detect()

function applyLanguage(lng: string) {
  dayjs.locale(dayjsLocale(lng))
  setRequestLanguage(lng)
  if (typeof document !== 'undefined') document.documentElement.lang = lng
}

export function changeLanguage(lng: LanguageCode) {
  memory.write(lng)
  return i18n.changeLanguage(lng)
}

i18n.on('languageChanged', applyLanguage)

const initial = detectLanguage()
void i18n.use(initReactI18next).init(translatorOptions({ 'en': en, 'zh-CN': zhCN }, initial))
applyLanguage(initial)

export default i18n

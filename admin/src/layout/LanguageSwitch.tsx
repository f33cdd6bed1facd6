import { useGetLocale, useSetLocale } from '@refinedev/core'
import { Select } from 'antd'
import { GlobalOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { LANGUAGES } from '../i18n'

/** zh-CN / en switch; the choice is remembered by the i18n provider (localStorage). */
export function LanguageSwitch() {
  const { t } = useTranslation()
  const changeLanguage = useSetLocale()
  const locale = useGetLocale()
  return (
    <Select
      aria-label={t('header.language')}
      value={locale()}
      onChange={(lang) => changeLanguage(lang)}
      variant="borderless"
      prefix={<GlobalOutlined />}
      options={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
      style={{ width: 140 }}
      popupMatchSelectWidth={false}
    />
  )
}

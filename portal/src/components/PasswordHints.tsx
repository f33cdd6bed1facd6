import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons'
import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { checkPassword, PASSWORD_RULES } from '../lib/passwordPolicy'

/** The password policy as a live checklist under the password field. */
export function PasswordHints({ password, email, id }: { password: string; email?: string | null; id?: string }) {
  const { t } = useTranslation()
  const result = checkPassword(password ?? '', email)
  const touched = (password ?? '').length > 0
  return (
    <div className="cd-password-hints" id={id} aria-live="polite">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('password.hintsTitle')}
      </Typography.Text>
      <ul aria-label={t('password.hintsTitle')}>
        {PASSWORD_RULES.map((rule) => {
          const ok = result[rule]
          const state = ok ? 'ok' : touched ? 'failed' : 'pending'
          return (
            <li key={rule} data-rule={rule} data-state={state} className={`cd-hint cd-hint-${state}`}>
              {ok ? <CheckCircleFilled aria-hidden /> : <CloseCircleOutlined aria-hidden />}
              <span>{t(`password.rules.${rule}`)}</span>
            </li>
          )
        })}
      </ul>
    </div>
  )
}

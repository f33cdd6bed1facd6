import { LockOutlined } from '@ant-design/icons'
import { Form, Input } from 'antd'
import type { NamePath } from 'antd/es/form/interface'
import { useTranslation } from 'react-i18next'
import { firstFailedRule, PASSWORD_MAX } from '../lib/passwordPolicy'
import { PasswordHints } from './PasswordHints'

export interface NewPasswordFieldsProps {
  /** id of the policy checklist (the password input is described by it). */
  hintsId: string
  /** Label and required message of the password field; the confirmation's label. */
  label: string
  requiredMessage: string
  confirmLabel: string
  /** The email the "not your email" rule checks; with `emailField` the validator reads that form field instead. */
  email?: string | null
  emailField?: string
  /** Fields whose change re-validates the password. */
  dependencies?: NamePath[]
  /** One more check after the policy (e.g. "same as current"): an error message or null. */
  extraCheck?: (value: string, getFieldValue: (name: NamePath) => unknown) => string | null
  autoFocus?: boolean
}

/**
 * The `password` and `password_confirmation` form items: the policy as a live checklist under the password, policy
 * and match validation. Render inside a `<Form>`.
 */
export function NewPasswordFields({
  hintsId,
  label,
  requiredMessage,
  confirmLabel,
  email = null,
  emailField,
  dependencies,
  extraCheck,
  autoFocus,
}: NewPasswordFieldsProps) {
  const { t } = useTranslation()
  const form = Form.useFormInstance()
  const password = (Form.useWatch('password', form) as string | undefined) ?? ''
  return (
    <>
      <Form.Item
        name="password"
        label={label}
        dependencies={dependencies}
        extra={<PasswordHints password={password} email={email} id={hintsId} />}
        rules={[
          { required: true, message: requiredMessage },
          ({ getFieldValue }) => ({
            validator(_, value: string | undefined) {
              if (!value) return Promise.resolve()
              const failed = firstFailedRule(value, emailField ? getFieldValue(emailField) : email)
              if (failed) return Promise.reject(new Error(t(`password.errors.${failed}`)))
              const extra = extraCheck?.(value, getFieldValue)
              if (extra) return Promise.reject(new Error(extra))
              return Promise.resolve()
            },
          }),
        ]}
      >
        <Input.Password
          prefix={<LockOutlined />}
          autoComplete="new-password"
          maxLength={PASSWORD_MAX + 16}
          aria-describedby={hintsId}
          autoFocus={autoFocus}
        />
      </Form.Item>
      <Form.Item
        name="password_confirmation"
        label={confirmLabel}
        dependencies={['password']}
        rules={[
          { required: true, message: t('validation.confirmRequired') },
          ({ getFieldValue }) => ({
            validator(_, value: string | undefined) {
              return !value || value === getFieldValue('password')
                ? Promise.resolve()
                : Promise.reject(new Error(t('validation.confirmMismatch')))
            },
          }),
        ]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
      </Form.Item>
    </>
  )
}

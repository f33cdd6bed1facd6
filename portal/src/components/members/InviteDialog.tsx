import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { labelText } from '@creditdesk/contract/i18n'
import { INVITATION_VALID_DAYS, MEMBER_ROLES } from '@creditdesk/contract/orgs'
import { inviteMember, type MemberRole } from '../../api/orgs'
import { handleFormError } from '../../lib/formErrors'

export function roleOptions(lang: string) {
  return MEMBER_ROLES.map((r) => ({ value: r.value, label: labelText(r.label, lang) ?? r.value }))
}

/** Invites a person by email with a role; the link in the mail expires after INVITATION_VALID_DAYS. */
export function InviteDialog({ open, onClose, onInvited }: { open: boolean; onClose: () => void; onInvited: () => void }) {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ email: string; role: MemberRole }>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (values: { email: string; role: MemberRole }) => {
    setBusy(true)
    setError(null)
    try {
      await inviteMember({ email: values.email.trim(), role: values.role })
      void message.success(t('members.invite.sent', { email: values.email.trim() }))
      onInvited()
    } catch (err) {
      setError(handleFormError(form, err, ['email', 'role'], t))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal open={open} title={t('members.invite.title')} okText={t('members.invite.submit')} cancelText={t('common.cancel')} confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('members.invite.intro', { count: INVITATION_VALID_DAYS })}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} className="cd-form-alert" role="alert" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ role: 'developer' }} requiredMark={false}>
        <Form.Item
          name="email"
          label={t('fields.email')}
          rules={[
            { required: true, whitespace: true, message: t('validation.emailRequired') },
            { type: 'email', message: t('validation.emailInvalid') },
          ]}
        >
          <Input type="email" autoComplete="off" placeholder={t('fields.emailPlaceholder')} />
        </Form.Item>
        <Form.Item name="role" label={t('members.fields.role')} extra={t('members.roleHelp')} rules={[{ required: true }]}>
          <Select virtual={false} options={roleOptions(i18n.language)} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

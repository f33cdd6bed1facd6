import { Alert, App, Form, Input, Modal, Select } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { updateMember, type MemberRole, type OrgMember } from '../../api/orgs'
import { amountProblem, floorTo } from '../../lib/billing'
import { handleFormError } from '../../lib/formErrors'
import { roleOptions } from './InviteDialog'

interface Values {
  role: MemberRole
  cap?: string
}

/** Changes a member's role and monthly spend cap (empty: no cap); the cap counts the keys assigned to them. */
export function EditMemberDialog({ member, asset, onClose, onSaved }: { member: OrgMember | null; asset: string | null; onClose: () => void; onSaved: () => void }) {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (values: Values) => {
    if (!member) return
    setBusy(true)
    setError(null)
    const cap = values.cap?.trim() ? values.cap.trim() : null
    try {
      await updateMember(member.id, { role: values.role, monthly_spend_cap: cap })
      void message.success(t('members.edit.saved'))
      onSaved()
    } catch (err) {
      setError(handleFormError(form, err, ['role', 'monthly_spend_cap'], t))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open={member !== null}
      title={t('members.edit.title', { name: member?.nickname || member?.email || '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} className="cd-form-alert" role="alert" />}
      {member && (
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          requiredMark={false}
          initialValues={{ role: member.role, cap: member.monthly_spend_cap ? floorTo(member.monthly_spend_cap, 6) : '' }}
        >
          <Form.Item name="role" label={t('members.fields.role')} extra={t('members.roleHelp')} rules={[{ required: true }]}>
            <Select virtual={false} options={roleOptions(i18n.language)} />
          </Form.Item>
          <Form.Item
            name="cap"
            label={t('members.fields.capIn', { unit: asset ?? '' })}
            extra={t('members.edit.capHelp')}
            rules={[
              {
                validator: async (_, value: string | undefined) => {
                  if (!value?.trim()) return
                  const problem = amountProblem(value, null, 6)
                  if (problem) throw new Error(t(`bills.amount.${problem}`, { digits: 6, max: '' }))
                },
              },
            ]}
          >
            <Input inputMode="decimal" autoComplete="off" placeholder={t('members.noCap')} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  )
}

import { App, Select } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OrgMember } from '../../api/orgs'
import { updateKey, type ApiKey } from '../../api/usage'
import { describeError } from '../../lib/formErrors'

/** An organization admin's choice of the member a key is assigned to (their monthly cap then counts its spend). */
export function KeyMemberSelect({ apiKey, members, onChanged }: { apiKey: ApiKey; members: OrgMember[]; onChanged: (key: ApiKey) => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  const change = async (memberId: number) => {
    setBusy(true)
    try {
      onChanged(await updateKey(apiKey.id, { member_id: memberId }))
      void message.success(t('apiKeys.assigned'))
    } catch (err) {
      void message.error(describeError(err, t))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Select<number>
      size="small"
      virtual={false}
      loading={busy}
      disabled={busy}
      value={apiKey.member_id ?? undefined}
      placeholder={t('apiKeys.unassigned')}
      aria-label={t('apiKeys.assignedTo')}
      style={{ minWidth: 160 }}
      options={members.map((m) => ({ value: m.customer_id ?? m.id, label: m.nickname || m.email }))}
      onChange={(next) => void change(next)}
    />
  )
}

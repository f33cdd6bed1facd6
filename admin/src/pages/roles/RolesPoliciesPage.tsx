import { useEffect, useMemo, useState } from 'react'
import { Alert, App, Button, Card, Col, Empty, Menu, Result, Row, Skeleton, Space, Tag, Typography } from 'antd'
import { EyeOutlined, LockOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons'
import { PageHeader } from '@refinedev/antd'
import { AppBreadcrumb } from '../../layout/AppBreadcrumb'
import { useTranslation } from 'react-i18next'
import { useHttp } from '../../providers/HttpContext'
import { API_URL, type ApiError } from '../../providers/http'
import { useAdminMeta, useLabel, useMetaStore } from '../../meta/MetaContext'
import { prettifyName } from '../../meta/label'
import { canEditPolicies } from '../../meta/permissions'
import { MatrixTable } from './MatrixTable'
import { roleLabel } from '../../engine/audit/labels'
import { NewRoleModal } from './NewRoleModal'
import { PreviewModal } from './PreviewModal'
import { SUPER_ADMIN, allGrants, diffGrants, normalizeGrants, type Grants, type PermissionMatrix } from './matrix'

/** Roles & policies (super_admin): edit one role's grants as a matrix, preview the diff, then save. */
export function RolesPoliciesPage() {
  const { t, i18n } = useTranslation()
  const label = useLabel()
  const http = useHttp()
  const meta = useAdminMeta()
  const metaStore = useMetaStore()
  const { message } = App.useApp()
  const [matrix, setMatrix] = useState<PermissionMatrix | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [roleName, setRoleName] = useState<string | null>(null)
  const [draft, setDraft] = useState<Grants>({})
  const [previewing, setPreviewing] = useState(false)
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)

  const load = async (select?: string) => {
    setLoadError(null)
    try {
      const { data } = await http.get<PermissionMatrix>(`${API_URL}/permissions/matrix`)
      setMatrix(data)
      const next = select ?? roleName ?? data.roles.find((r) => r.name !== SUPER_ADMIN)?.name ?? data.roles[0]?.name ?? null
      setRoleName(next)
      setDraft(normalizeGrants(next ? data.grants[next] : {}))
    } catch (e) {
      setLoadError((e as ApiError).message)
    }
  }
  const allowed = canEditPolicies(meta)
  useEffect(() => {
    // a role that may not edit policies sees the 403 below and asks the server nothing
    if (allowed) void load()
  }, [allowed]) // eslint-disable-line react-hooks/exhaustive-deps

  const role = matrix?.roles.find((r) => r.name === roleName)
  const readOnly = role?.name === SUPER_ADMIN
  const saved = useMemo(() => normalizeGrants(matrix && roleName ? matrix.grants[roleName] : {}), [matrix, roleName])
  const shown = readOnly && matrix ? allGrants(matrix) : draft
  const changes = useMemo(() => diffGrants(saved, normalizeGrants(draft)), [saved, draft])
  const pending = readOnly ? 0 : changes.added.length + changes.removed.length
  const actionLabel = (action: string) => {
    const declared = meta.resources.flatMap((r) => r.actions ?? []).find((a) => a.name === action)
    return t(`permissions.${action}`, { defaultValue: declared ? label(declared.label, action) : prettifyName(action) })
  }
  const resourceLabel = (name: string) => label(matrix?.resources.find((r) => r.name === name)?.label, name)
  const nameOf = (r: { name: string; label?: PermissionMatrix['roles'][number]['label'] }) => roleLabel(r.name, label(r.label, r.name), t, i18n.language)
  const currentRoleLabel = role ? nameOf(role) : ''

  const selectRole = (name: string) => {
    setRoleName(name)
    setDraft(normalizeGrants(matrix?.grants[name]))
    setSaveError(null)
  }

  const save = async () => {
    if (!roleName || !matrix) return
    setSaving(true)
    setSaveError(null)
    try {
      const { data } = await http.put<{ grants?: Grants } & Grants>(`${API_URL}/permissions/matrix/${encodeURIComponent(roleName)}`, { grants: normalizeGrants(draft) })
      const grants = normalizeGrants((data && typeof data.grants === 'object' ? data.grants : data) as Grants)
      setMatrix({ ...matrix, grants: { ...matrix.grants, [roleName]: grants } })
      setDraft(grants)
      setPreviewing(false)
      void message.success(t('roles.saved', { role: currentRoleLabel }))
      if (roleName === meta.user.role.name) void metaStore.load()
    } catch (e) {
      setSaveError((e as ApiError).message)
      setPreviewing(false)
    } finally {
      setSaving(false)
    }
  }

  if (!allowed) return <Result status="403" title="403" subTitle={t('pages.error.forbidden')} />

  return (
    <PageHeader title={t('roles.title')} breadcrumb={<AppBreadcrumb />} backIcon={false}
      extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('roles.newRole')}</Button>}>
      {loadError && <Alert type="error" showIcon message={loadError} action={<Button size="small" onClick={() => load()}>{t('buttons.retry')}</Button>} />}
      {!matrix && !loadError && <Skeleton active paragraph={{ rows: 8 }} />}
      {matrix && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={5}>
            <Card title={t('roles.roles')} styles={{ body: { padding: 0 } }}>
              <Menu
                selectedKeys={roleName ? [roleName] : []}
                onClick={({ key }) => selectRole(key)}
                items={matrix.roles.map((r) => ({
                  key: r.name,
                  label: (
                    <Space>
                      {nameOf(r)}
                      {r.system && <Tag icon={r.name === SUPER_ADMIN ? <LockOutlined /> : undefined}>{t('roles.system')}</Tag>}
                    </Space>
                  ),
                }))}
                style={{ borderInlineEnd: 'none' }}
              />
            </Card>
          </Col>
          <Col xs={24} lg={19}>
            <Card
              title={<Space>{currentRoleLabel}{pending > 0 && <Tag color="orange">{t('roles.pending', { count: pending })}</Tag>}</Space>}
              extra={!readOnly && role && (
                <Space>
                  <Button icon={<UndoOutlined />} disabled={!pending} onClick={() => setDraft(saved)}>{t('roles.discard')}</Button>
                  <Button type="primary" icon={<EyeOutlined />} disabled={!pending} onClick={() => setPreviewing(true)}>{t('roles.previewChanges')}</Button>
                </Space>
              )}
            >
              {readOnly && <Alert type="info" showIcon message={t('roles.systemReadOnly')} style={{ marginBottom: 16 }} />}
              {saveError && <Alert type="error" showIcon message={saveError} style={{ marginBottom: 16 }} role="alert" />}
              {role?.description && <Typography.Paragraph type="secondary">{role.description}</Typography.Paragraph>}
              {role ? <MatrixTable matrix={matrix} grants={shown} readOnly={readOnly} onChange={setDraft} actionLabel={actionLabel} /> : <Empty />}
            </Card>
          </Col>
        </Row>
      )}
      <PreviewModal
        open={previewing}
        roleLabel={currentRoleLabel}
        added={changes.added}
        removed={changes.removed}
        resourceLabel={resourceLabel}
        actionLabel={actionLabel}
        saving={saving}
        onCancel={() => setPreviewing(false)}
        onConfirm={save}
      />
      <NewRoleModal open={creating} onClose={() => setCreating(false)} onCreated={(name) => { setCreating(false); void message.success(t('roles.created', { role: name })); void load(name) }} />
    </PageHeader>
  )
}

import { Create, Edit, useForm } from '@refinedev/antd'
import type { BaseKey, BaseRecord, HttpError } from '@refinedev/core'
import { Form, Result } from 'antd'
import type { FieldMeta, ResourceMeta } from '../../meta/types'
import { isMasked } from '../fields/format'
import { useLabel } from '../../meta/MetaContext'
import { canDo } from '../../meta/permissions'
import { recordTitle } from '../fields/recordTitle'
import { FormField, toRequestValues } from './FormField'
import { useTranslation } from 'react-i18next'
import { AppBreadcrumb } from '../../layout/AppBreadcrumb'
import { useSearchParams } from 'react-router'

interface Props {
  resource: ResourceMeta
  action: 'create' | 'edit'
  id?: BaseKey
}

/** Forms read best in one column of moderate width; the page (title, buttons, card) follows it. */
const FORM_PAGE = { style: { maxWidth: 960 } }

/** Fields a form shows: those declared `create: true` / `edit: true`. */
export const formFieldsOf = (resource: ResourceMeta, action: 'create' | 'edit') =>
  resource.fields.filter((f) => (action === 'create' ? f.create : f.edit))

/** Initial values for a new record: switches start off rather than undefined. */
const createDefaults = (resource: ResourceMeta) =>
  Object.fromEntries(formFieldsOf(resource, 'create').filter((f) => f.type === 'boolean').map((f) => [f.name, false]))

/**
 * Values a link may start a new record with (`/r/contracts/create?org_id=42` from an organization's
 * page): only fields the form offers; numeric ids and numbers as numbers.
 */
const prefilledFrom = (resource: ResourceMeta, params: URLSearchParams) =>
  Object.fromEntries(
    formFieldsOf(resource, 'create')
      .filter((f) => params.has(f.name) && f.type !== 'file')
      .map((f) => {
        const raw = params.get(f.name) ?? ''
        const numeric = (f.type === 'number' || f.type === 'relation') && /^\d+$/.test(raw)
        return [f.name, numeric ? Number(raw) : raw]
      }),
  )

/** The generic create/edit screen; server 422 field errors show under their inputs. */
export function ResourceForm({ resource, action, id }: Props) {
  const { t } = useTranslation()
  const label = useLabel()
  const fields = formFieldsOf(resource, action)
  const [params] = useSearchParams()
  const { formProps, saveButtonProps, query, formLoading } = useForm<BaseRecord, HttpError, Record<string, unknown>>({
    resource: resource.name,
    action,
    id,
    warnWhenUnsavedChanges: true,
    redirect: canDo(resource, 'show') ? 'show' : 'list',
  })
  const resourceLabel = label(resource.label, resource.name)
  const record = query?.data?.data
  // Masked values ("••••1234") are a hint, never a value; write-only ones are never read back.
  const hidden = (f: FieldMeta) => f.writeOnly || (f.sensitive && isMasked(record?.[f.name]))
  const editValues = record && Object.fromEntries(Object.entries(record).filter(([k]) => !fields.some((f) => f.name === k && hidden(f))))

  if (query?.isError) {
    return <Result status={query.error?.statusCode === 404 ? '404' : 'error'} title={query.error?.statusCode} subTitle={query.error?.message} />
  }

  const form = (
    <Form
      {...formProps}
      layout="vertical"
      requiredMark
      initialValues={action === 'create' ? { ...createDefaults(resource), ...prefilledFrom(resource, params), ...formProps.initialValues } : editValues}
      onFinish={(values) => formProps.onFinish?.(toRequestValues(fields, values as Record<string, unknown>))}
      className="cd-form"
    >
      {fields.map((f) => (
        <FormField key={f.name} field={f} placeholder={hidden(f) && action === 'edit' ? t('form.sensitiveUnchanged', { masked: f.writeOnly ? '••••' : record?.[f.name] }) : undefined} />
      ))}
    </Form>
  )

  if (action === 'create') {
    return (
      <Create resource={resource.name} wrapperProps={FORM_PAGE} breadcrumb={<AppBreadcrumb />} title={resourceLabel} saveButtonProps={saveButtonProps} isLoading={formLoading}>
        {form}
      </Create>
    )
  }
  return (
    <Edit
      resource={resource.name}
      wrapperProps={FORM_PAGE}
      breadcrumb={<AppBreadcrumb />}
      recordItemId={id}
      title={record ? `${resourceLabel} · ${recordTitle(record, resource)}` : resourceLabel}
      saveButtonProps={saveButtonProps}
      isLoading={formLoading}
      canDelete={canDo(resource, 'delete')}
    >
      {form}
    </Edit>
  )
}

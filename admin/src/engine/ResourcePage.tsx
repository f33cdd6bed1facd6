import type { ReactNode } from 'react'
import { useNavigate, useParams } from 'react-router'
import { Button, Result } from 'antd'
import { useTranslation } from 'react-i18next'
import { useResourceMeta } from '../meta/MetaContext'
import { canDo } from '../meta/permissions'
import { customPages, type Screen, type ScreenProps } from './registry'
import { ResourceList } from './list/ResourceList'
import { ResourceShow } from './show/ResourceShow'
import { ResourceForm } from './form/ResourceForm'

const GENERIC: Record<Screen, (props: ScreenProps) => ReactNode> = {
  list: ({ resource }) => <ResourceList resource={resource} />,
  show: ({ resource, id }) => <ResourceShow resource={resource} id={id!} />,
  create: ({ resource }) => <ResourceForm resource={resource} action="create" />,
  edit: ({ resource, id }) => <ResourceForm resource={resource} action="edit" id={id} />,
}

/** Route element for /r/:resource[/…]: resolves the resource, checks access, picks custom or generic screen. */
export function ResourcePage({ screen }: { screen: Screen }) {
  const { t } = useTranslation()
  const { resource: name, id } = useParams()
  const resource = useResourceMeta(name)
  const navigate = useNavigate()
  const home = <Button type="primary" onClick={() => navigate('/')}>{t('pages.error.backHome')}</Button>

  if (!resource) return <Result status="404" title="404" subTitle={t('pages.error.unknownResource', { name })} extra={home} />
  if (!canDo(resource, screen)) return <Result status="403" title="403" subTitle={t('pages.error.forbidden')} extra={home} />

  const Custom = customPages[resource.name]?.[screen]
  const key = `${resource.name}:${screen}:${id ?? ''}`
  return Custom ? <Custom key={key} resource={resource} id={id} /> : <GenericScreen key={key} screen={screen} resource={resource} id={id} />
}

function GenericScreen({ screen, ...props }: ScreenProps & { screen: Screen }) {
  return <>{GENERIC[screen](props)}</>
}

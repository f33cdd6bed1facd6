import { useMemo, useSyncExternalStore, type ReactNode } from 'react'
import { Refine } from '@refinedev/core'
import { useNotificationProvider } from '@refinedev/antd'
import routerProvider, { DocumentTitleHandler, UnsavedChangesNotifier } from '@refinedev/react-router'
import { App as AntdApp, ConfigProvider } from 'antd'
import enUS from 'antd/es/locale/en_US'
import zhCN from 'antd/es/locale/zh_CN'
import { I18nextProvider, useTranslation } from 'react-i18next'
import { LocaleProvider } from '../i18n/locale'
import type { ConsoleDeps } from './createConsole'
import { createDataProvider } from '../providers/dataProvider'
import { createAuthProvider } from '../providers/authProvider'
import { createAccessControlProvider } from '../providers/accessControlProvider'
import { createI18nProvider } from '../providers/i18nProvider'
import { HttpProvider } from '../providers/HttpContext'
import { MetaProvider } from '../meta/MetaContext'
import { pickLabel } from '../meta/label'
import { findResource } from '../meta/permissions'
import { toRefineResources } from '../meta/toRefineResources'
import { Logo } from '../layout/Logo'
import { CONSOLE_THEME } from './theme'

/**
 * Providers around the routes: i18n, HTTP, meta, antd theme/locale, and Refine configured from meta.
 * The router itself comes from the caller (BrowserRouter in the app, MemoryRouter in tests).
 */
export function ConsoleProviders({ deps, children }: { deps: ConsoleDeps; children: ReactNode }) {
  return (
    <I18nextProvider i18n={deps.i18n}>
      <LocaleProvider>
        <HttpProvider client={deps.http}>
          <MetaProvider store={deps.metaStore}>
            <RefineRoot deps={deps}>{children}</RefineRoot>
          </MetaProvider>
        </HttpProvider>
      </LocaleProvider>
    </I18nextProvider>
  )
}

function RefineRoot({ deps, children }: { deps: ConsoleDeps; children: ReactNode }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const { meta } = useSyncExternalStore(deps.metaStore.subscribe, deps.metaStore.getState)

  const providers = useMemo(() => {
    const forgetSession = () => {
      deps.queryClient.removeQueries({ queryKey: ['data'] })
      deps.queryClient.removeQueries({ queryKey: ['access'] })
    }
    return {
      data: createDataProvider(deps.http),
      auth: createAuthProvider(deps.http, deps.metaStore, forgetSession),
      access: createAccessControlProvider(deps.metaStore),
      i18n: createI18nProvider(deps.i18n, (name, lang) => {
        const resource = findResource(deps.metaStore.getState().meta, name)
        return resource ? pickLabel(resource.label, lang, name) : undefined
      }),
    }
  }, [deps])

  const resources = useMemo(
    () => toRefineResources(meta, (text, fallback) => pickLabel(text, lang, fallback), (key) => t(key)),
    [meta, lang, t],
  )

  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS} theme={CONSOLE_THEME}>
      <AntdApp>
        <Refine
          dataProvider={providers.data}
          authProvider={providers.auth}
          accessControlProvider={providers.access}
          i18nProvider={providers.i18n}
          routerProvider={routerProvider}
          notificationProvider={useNotificationProvider}
          resources={resources}
          options={{
            syncWithLocation: true,
            warnWhenUnsavedChanges: true,
            disableTelemetry: true,
            title: { text: 'Creditdesk', icon: <Logo /> },
            reactQuery: { clientConfig: deps.queryClient },
          }}
        >
          {children}
          <UnsavedChangesNotifier />
          <DocumentTitleHandler handler={({ resource, action }) => documentTitle(resource?.meta?.label as string | undefined, action, t)} />
        </Refine>
      </AntdApp>
    </ConfigProvider>
  )
}

function documentTitle(label: string | undefined, action: string | undefined, t: (k: string) => string): string {
  if (!label) return 'Creditdesk'
  const suffix = action && action !== 'list' ? ` · ${t(`actions.${action}`)}` : ''
  return `${label}${suffix} | Creditdesk`
}

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin } from 'vite'
import type { ThemeConfig } from 'antd'
import type { createElement, Fragment as ReactFragment, ReactNode } from 'react'

/**
 * Renders antd's component styles once, at build time, into a stylesheet — antd's "whole export" — so
 * the browser does not compute them on every page load.
 *
 * antd v5 writes its CSS at runtime: the first time a page uses a component, its style is generated from
 * the theme tokens, serialised, hashed and inserted as a <style> tag, and the document's styles are
 * recalculated. The stylesheet produced here carries those styles plus the map from each style's cache
 * path to its hash (`.data-ant-cssinjs-cache-path{content:…}`); antd's runtime reads that map on start and
 * skips generating any style the file already holds. A component missing from the file (or a theme that
 * differs) is generated at runtime as before, so the file can only save work, never lose a style.
 *
 * Import `virtual:antd-styles.css` before the app's own CSS. `theme` is the app's ConfigProvider theme;
 * `nested` are the themes of ConfigProviders inside it with the components drawn there (a nested
 * provider gives its components other tokens, hence other styles). Only the components the app imports
 * from antd (found in `sources`) and `extra` ones (drawn by libraries, e.g. Refine's) are rendered: every
 * rule in the file is matched against every element the page draws, so styles nobody uses cost time too.
 */
export function antdStyles(themes: Themes): Plugin {
  const id = 'virtual:antd-styles.css'
  const resolved = '\0' + id
  let css: Promise<string> | undefined
  return {
    name: 'creditdesk:antd-styles',
    resolveId: (source) => (source === id ? resolved : undefined),
    load(loaded) {
      if (loaded !== resolved) return undefined
      // NODE_ENV is set by Vite for the mode (development or production): antd's class hashes differ
      // between the two, and the file must carry those of the bundle it ships with.
      css ??= renderStyles(themes)
      return css
    },
  }
}

interface Themes {
  theme: ThemeConfig
  nested?: Array<{ theme: ThemeConfig; components: string[] }>
  /** Source folders whose `import { … } from 'antd'` name the components to render. */
  sources: string[]
  extra?: string[]
}

/** Component names imported from 'antd' anywhere under the folders. */
export function antdImports(folders: string[]): Set<string> {
  const names = new Set<string>()
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) visit(path)
      else if (/\.tsx?$/.test(entry.name)) {
        for (const match of readFileSync(path, 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*'antd'/g)) {
          for (const part of match[1].split(',')) {
            const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]
            if (/^[A-Z]/.test(name)) names.add(name)
          }
        }
      }
    }
  }
  folders.forEach(visit)
  return names
}

type H = typeof createElement

async function renderStyles({ theme, nested = [], sources, extra = [] }: Themes): Promise<string> {
  const React = await import('react')
  const { renderToString } = await import('react-dom/server')
  const antd = (await import('antd')) as unknown as Record<string, any>
  const { createCache, extractStyle, StyleProvider } = await import('@ant-design/cssinjs')
  const h = React.createElement
  const cache = createCache()
  const render = (node: ReactNode) => {
    try {
      renderToString(h(StyleProvider, { cache }, h(antd.ConfigProvider, { theme }, node)))
    } catch {
      // a component that cannot render without a context keeps its runtime styles
    }
  }
  const all = samples(antd, h, React.Fragment)
  const wanted = new Set([...antdImports(sources), ...extra, 'App'])
  if (wanted.has('Row') || wanted.has('Col')) wanted.add('Grid')
  if (wanted.has('DatePicker')) wanted.add('RangePicker')
  for (const [name, node] of all) if (wanted.has(name)) render(node)
  for (const inner of nested) {
    for (const name of inner.components) render(h(antd.ConfigProvider, { theme: inner.theme }, all.get(name)))
  }
  return extractStyle(cache, { plain: true, types: ['style', 'token', 'cssVar'] })
}

/** One rendering per component, with the props it needs to draw its parts; overlays through their static panels. */
function samples(antd: Record<string, any>, h: H, Fragment: typeof ReactFragment): Map<string, ReactNode> {
  const custom: Record<string, () => ReactNode> = {
    Affix: () => h(antd.Affix, null, h('div')),
    Dropdown: () => h(antd.Dropdown, { menu: { items: [{ key: 'a', label: 'a' }] } }, h('span')),
    Menu: () =>
      h(antd.Menu, {
        mode: 'inline',
        defaultOpenKeys: ['g'],
        selectedKeys: ['a'],
        items: [{ key: 'g', label: 'g', children: [{ key: 'a', label: 'a' }] }, { type: 'divider' }, { key: 'b', label: 'b' }],
      }),
    QRCode: () => h(antd.QRCode, { value: 'creditdesk' }),
    Tree: () => h(antd.Tree, { treeData: [{ key: 'a', title: 'a' }] }),
    Table: () =>
      h(antd.Table, {
        rowKey: 'id',
        rowSelection: {},
        columns: [{ title: 'a', dataIndex: 'a', sorter: true, filters: [{ text: 'x', value: 'x' }], ellipsis: true }],
        dataSource: [{ id: 1, a: 'a' }],
        pagination: { total: 100, showSizeChanger: true },
        scroll: { x: 800 },
      }),
    Form: () => h(antd.Form, null, h(antd.Form.Item, { label: 'a', name: 'a', help: 'b' }, h(antd.Input))),
    Typography: () => h(antd.Typography, null, h(antd.Typography.Text, { copyable: true, ellipsis: true }, 'a')),
    Input: () => h(Fragment, null, h(antd.Input), h(antd.Input.Search), h(antd.Input.Password), h(antd.Input.TextArea, { showCount: true })),
    Tabs: () => h(antd.Tabs, { items: [{ key: 'a', label: 'a', children: 'a' }] }),
    Steps: () => h(antd.Steps, { items: [{ title: 'a' }] }),
    Descriptions: () => h(antd.Descriptions, { bordered: true, items: [{ key: 'a', label: 'a', children: 'a' }] }),
    Layout: () => h(antd.Layout, null, h(antd.Layout.Sider), h(antd.Layout.Header), h(antd.Layout.Content)),
    Space: () => h(antd.Space, null, h(antd.Space.Compact, null, h(antd.Button))),
    Badge: () => h(antd.Badge.Ribbon, { text: 'a' }, h(antd.Badge, { count: 1 })),
    Breadcrumb: () => h(antd.Breadcrumb, { items: [{ title: 'a' }, { title: 'b' }] }),
    Collapse: () => h(antd.Collapse, { items: [{ key: 'a', label: 'a', children: 'a' }] }),
    Timeline: () => h(antd.Timeline, { items: [{ children: 'a' }] }),
    List: () => h(antd.List, { dataSource: ['a'], renderItem: (a: string) => h(antd.List.Item, null, a) }),
    Upload: () => h(antd.Upload.Dragger),
  }
  // Drawn through their static panels (a closed overlay renders no styles). Tour's panel is left out: its
  // styles only hold together inside an open tour.
  const overlays = ['Tooltip', 'Popover', 'Popconfirm', 'Modal', 'Drawer', 'Select', 'DatePicker', 'TimePicker', 'Cascader', 'TreeSelect', 'AutoComplete', 'InputNumber', 'Mentions']
  const skip = new Set(['ConfigProvider', 'Grid', 'App', 'Tour', 'FloatButton', ...overlays])
  const nodes = new Map<string, ReactNode>()
  for (const [name, Comp] of Object.entries(antd)) {
    if (!/^[A-Z]/.test(name) || skip.has(name) || !isComponent(Comp)) continue
    nodes.set(name, custom[name] ? custom[name]() : h(Comp))
  }
  nodes.set('App', h(antd.App, null, h('div')))
  nodes.set('Grid', h(antd.Row, null, h(antd.Col, { span: 12 })))
  for (const name of overlays) {
    const Panel = antd[name]?._InternalPanelDoNotUseOrYouWillBeFired
    const titled = name === 'Tooltip' || name === 'Popover' || name === 'Popconfirm'
    nodes.set(name, h(Fragment, null, Panel ? h(Panel, titled ? { title: 'a' } : {}) : null, isComponent(antd[name]) ? h(antd[name]) : null))
  }
  nodes.set('RangePicker', h(antd.DatePicker.RangePicker))
  for (const name of ['message', 'notification']) {
    const Panel = antd[name]?._InternalPanelDoNotUseOrYouWillBeFired
    if (Panel) nodes.set(name, h(Panel, { content: 'a', type: 'success', message: 'a' }))
  }
  return nodes
}

function isComponent(value: unknown): boolean {
  return typeof value === 'function' || (typeof value === 'object' && value !== null && '$$typeof' in value)
}

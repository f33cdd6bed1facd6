/// <reference types="vitest/config" />
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { antdStyles } from './vite/antdStyles'
import { CONSOLE_THEME, SIDER_THEME } from './src/app/theme'

/**
 * The console is served by the backend under /admin/ (same origin as the API),
 * so the dev server proxies /api to the AdonisJS process instead of using CORS.
 */
export default defineConfig({
  base: '/admin/',
  // antd's styles rendered at build time for the console's theme, and for the side menu's nested theme
  // (plus what Refine's layout and buttons draw with antd, and the messages and notifications it shows)
  plugins: [
    react(),
    antdStyles({
      theme: CONSOLE_THEME,
      nested: [{ theme: SIDER_THEME, components: ['Menu'] }],
      sources: [fileURLToPath(new URL('./src', import.meta.url))],
      extra: ['Popconfirm', 'Pagination', 'Checkbox', 'Radio', 'message', 'notification'],
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // Long-lived vendor chunks cache across console releases; the chart library stays in its lazy chunk.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'vendor-antd', test: /node_modules[\\/](antd|@ant-design[\\/](icons|icons-svg|cssinjs|colors|fast-color|react-slick|cssinjs-utils)|rc-[\w-]+|@rc-component)[\\/]/ },
            { name: 'vendor-refine', test: /node_modules[\\/](@refinedev|@tanstack|i18next|react-i18next|axios|dayjs|qs|query-string)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3333', changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    globals: false,
    setupFiles: ['./test/setup.ts'],
    include: ['test/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 20000,
    // one worker per core (Vitest's default of cores - 1 leaves one of two cores idle); files stay isolated
    maxWorkers: availableParallelism(),
    server: { deps: { inline: [/@refinedev\//, /react-router/] } },
  },
})

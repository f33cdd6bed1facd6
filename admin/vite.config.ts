/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

/**
 * The console is served by the backend under /admin/ (same origin as the API),
 * so the dev server proxies /api to the AdonisJS process instead of using CORS.
 */
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
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
    server: { deps: { inline: [/@refinedev\//, /react-router/] } },
  },
})

import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

// The portal is served by the AdonisJS process at `/` (portal/dist). In development Vite serves it and
// forwards /api to the backend, so cookies (session + XSRF-TOKEN) stay same-origin.
export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    port: 5174,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3333', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3333', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd alone is ≈ 1 MB minified (≈ 320 kB gzip, DatePicker/Table included); it gets its own long-cached chunk.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 20 },
            {
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|@ctrl|stylis|dayjs)[\\/]/,
              priority: 10,
            },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 0 },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    testTimeout: 30000,
    // one worker per core (Vitest's default of cores - 1 leaves one of two cores idle); files stay isolated
    maxWorkers: availableParallelism(),
    env: { DEBUG_PRINT_LIMIT: '1500' },
    server: { deps: { inline: [/react-router/] } },
  },
})

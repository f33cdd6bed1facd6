import '@testing-library/jest-dom/vitest'
import { afterEach, vi } from 'vitest'
import { cleanup, configure } from '@testing-library/react'

// Whole-console renders under parallel workers can take a few seconds to settle.
configure({ asyncUtilTimeout: 5000 })

// antd reads media queries and observes element sizes; jsdom implements neither.
// The viewport is a 1280px-wide desktop: min-width queries up to 1280 match, so the sider is not a drawer.
const VIEWPORT = 1280
const matches = (query: string) => {
  const min = /min-width:\s*(\d+)px/.exec(query)
  const max = /max-width:\s*(\d+)px/.exec(query)
  return (!min || VIEWPORT >= Number(min[1])) && (!max || VIEWPORT <= Number(max[1]))
}
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: vi.fn().mockImplementation((query: string) => ({
    matches: matches(query),
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(),
  })),
})

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver
window.scrollTo = vi.fn() as unknown as typeof window.scrollTo

// jsdom's getComputedStyle does not accept pseudo elements; antd asks for them (scrollbar sizing).
const computed = window.getComputedStyle
window.getComputedStyle = (el: Element) => computed(el)

afterEach(() => {
  cleanup()
  localStorage.clear()
})

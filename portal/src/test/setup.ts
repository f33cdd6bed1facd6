import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach, beforeEach, vi } from 'vitest'
import { resetActingOrgMemory } from '../api/acting'

function mediaMatches(query: string) {
  const width = window.innerWidth
  const min = /min-width:\s*(\d+)px/.exec(query)
  const max = /max-width:\s*(\d+(?:\.\d+)?)px/.exec(query)
  if (!min && !max) return false
  return (!min || width >= Number(min[1])) && (!max || width <= Number(max[1]))
}

// antd's first render in a test file is slow on a busy machine; findBy*/waitFor wait up to 5 s.
configure({ asyncUtilTimeout: 5000 })

// jsdom lacks these; antd's Grid/Table/Dropdown use them.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  configurable: true,
  // Evaluates min-width/max-width against the jsdom viewport (1024 px wide: antd's lg layout, with the sider).
  value: vi.fn().mockImplementation((query: string) => ({
    matches: mediaMatches(query),
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
globalThis.ResizeObserver = globalThis.ResizeObserver ?? (ResizeObserverStub as unknown as typeof ResizeObserver)

// antd measures scrollbars through getComputedStyle with a pseudo element, which jsdom does not implement.
const realGetComputedStyle = window.getComputedStyle.bind(window)
window.getComputedStyle = ((elt: Element, pseudo?: string | null) =>
  realGetComputedStyle(elt, pseudo ? undefined : pseudo)) as typeof window.getComputedStyle

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
  resetActingOrgMemory()
})

afterEach(() => {
  cleanup()
})

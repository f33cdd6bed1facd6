import { render } from '@testing-library/react'
import { MemoryRouter, useLocation } from 'react-router'
import { AppRoutes } from '../AppRoutes'
import { Providers } from '../Providers'

function LocationProbe() {
  const location = useLocation()
  return (
    <output data-testid="location" hidden>
      {location.pathname + location.search}
    </output>
  )
}

/** The whole portal at `path`, with an in-memory router and a probe for the current location. */
export function renderApp(path: string) {
  const utils = render(
    <MemoryRouter initialEntries={[path]}>
      <Providers motion={false}>
        <AppRoutes />
        <LocationProbe />
      </Providers>
    </MemoryRouter>,
  )
  return { ...utils, location: () => utils.getByTestId('location').textContent }
}

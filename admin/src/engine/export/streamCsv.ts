export interface StreamProgress {
  rows: number
  total?: number
}

/**
 * Fetches the CSV as a stream so a long export shows progress and can be cancelled. Rows are counted
 * by newlines (minus the header line); a field with an embedded newline over-counts, which is fine
 * for a progress figure.
 */
export async function streamCsv(
  url: string,
  signal: AbortSignal,
  onProgress: (p: StreamProgress) => void,
  fetcher: typeof fetch = fetch,
): Promise<{ blob: Blob; rows: number }> {
  const response = await fetcher(url, { credentials: 'same-origin', signal, headers: { Accept: 'text/csv' } })
  if (!response.ok) {
    let message = `Export failed (${response.status})`
    try {
      const body = await response.json()
      if (body?.message) message = body.message
    } catch {
      /* not JSON */
    }
    throw new Error(message)
  }
  const totalHeader = Number(response.headers.get('x-total-count'))
  const total = Number.isFinite(totalHeader) && totalHeader > 0 ? totalHeader : undefined
  const chunks: BlobPart[] = []
  let newlines = 0
  let lastByte = -1
  if (!response.body) {
    const text = await response.text()
    newlines = text.split('\n').length - 1
    const rows = Math.max(0, newlines - 1 + (text.endsWith('\n') || !text ? 0 : 1))
    onProgress({ rows, total })
    return { blob: new Blob([text], { type: 'text/csv' }), rows }
  }
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value as BlobPart)
    for (let i = 0; i < value.length; i++) if (value[i] === 10) newlines++
    if (value.length) lastByte = value[value.length - 1]
    onProgress({ rows: Math.max(0, newlines - 1), total })
  }
  const rows = Math.max(0, newlines - 1 + (lastByte !== -1 && lastByte !== 10 ? 1 : 0))
  onProgress({ rows, total })
  return { blob: new Blob(chunks, { type: 'text/csv;charset=utf-8' }), rows }
}

export function downloadBlob(blob: Blob, fileName: string) {
  const href = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = href
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(href), 1000)
}

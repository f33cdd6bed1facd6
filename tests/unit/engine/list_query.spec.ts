/**
 * parseListQuery against a small inline declaration: every operator, coercion, refusal,
 * sort and paging rule of the simple-rest list contract, without HTTP or rows.
 */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { MAX_PAGE_SIZE, applyFilters, parseListQuery } from '#engine/list_query'
import { defineResource } from '#engine/define_resource'
import { BadRequest } from '#exceptions/domain_errors'

const l = (en: string) => ({ 'en': en, 'zh-CN': en })

const things = defineResource({
  name: 'things',
  label: l('Things'),
  group: 'test',
  table: 'things',
  titleField: 'name',
  defaultSort: [{ field: 'created_at', order: 'desc' }],
  fields: {
    id: { type: 'number', label: l('ID'), sortable: true, searchable: true, filter: ['eq', 'in', 'gte', 'lte'] },
    name: { type: 'string', label: l('Name'), sortable: true, searchable: true, filter: ['eq', 'ne', 'contains'] },
    kind: { type: 'string', label: l('Kind'), filter: ['in'] },
    amount: { type: 'money', label: l('Amount'), scale: 2, sortable: true, filter: ['eq', 'gte', 'lte'] },
    active: { type: 'boolean', label: l('Active'), filter: ['eq'] },
    status: {
      type: 'enum',
      label: l('Status'),
      filter: ['eq', 'in'],
      options: [
        { value: 'open', label: l('Open') },
        { value: 'closed', label: l('Closed') },
      ],
    },
    owner_id: { type: 'relation', label: l('Owner'), column: 'owner', relation: { resource: 'staff', labelField: 'name' }, sortable: true, filter: ['eq'] },
    created_at: { type: 'datetime', label: l('Created'), sortable: true, filter: ['gte', 'lte'] },
    day: { type: 'date', label: l('Day'), filter: ['gte', 'lte'] },
    tags: { type: 'tags', label: l('Tags'), filter: ['eq', 'in', 'contains'] },
    secret: { type: 'string', label: l('Secret'), writeOnly: true, filter: ['eq'], sortable: true },
    shown: { type: 'string', label: l('Shown'), compute: () => 'x', filter: ['eq'], sortable: true },
    note: { type: 'text', label: l('Note') },
  },
})

const plain = defineResource({
  name: 'plain',
  label: l('Plain'),
  group: 'test',
  table: 'plain',
  titleField: 'id',
  defaultSort: [{ field: 'id', order: 'asc' }],
  fields: { id: { type: 'number', label: l('ID'), sortable: true, filter: ['eq'] } },
})

/** Asserts a 400 BadRequest whose message mentions every given text. */
function refused(assert: any, fn: () => unknown, ...mentions: string[]) {
  let error: any
  try {
    fn()
  } catch (e) {
    error = e
  }
  assert.instanceOf(error, BadRequest, `${String(fn)}: expected a BadRequest, got ${error}`)
  assert.equal(error.status, 400)
  for (const text of mentions) assert.include(error.message, text)
}

const parse = (qs: Record<string, unknown>, options?: { paginate?: boolean }) => parseListQuery(things, qs, options)

test.group('parseListQuery / filters', () => {
  test('no parameters: no conditions, default sort with the primary key as tie-breaker, first page', ({ assert }) => {
    const plan = parse({})
    assert.deepEqual(plan.conditions, [])
    assert.isUndefined(plan.search)
    assert.deepEqual(plan.sort, [
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    assert.equal(plan.start, 0)
    assert.equal(plan.end, MAX_PAGE_SIZE)
    assert.equal(MAX_PAGE_SIZE, 200)
  })

  test('eq, ne, gte, lte and like map to their operators; the column name is used', ({ assert }) => {
    const plan = parse({ name: 'a', name_ne: 'b', id_gte: '3', id_lte: '9', name_like: 'c', owner_id: '7' })
    assert.deepEqual(
      plan.conditions.map((c) => [c.field, c.column, c.op, c.values]),
      [
        ['name', 'name', 'eq', ['a']],
        ['name', 'name', 'ne', ['b']],
        ['id', 'id', 'gte', ['3']],
        ['id', 'id', 'lte', ['9']],
        ['name', 'name', 'contains', ['c']],
        ['owner_id', 'owner', 'eq', ['7']],
      ]
    )
  })

  test('repeated keys are IN; a single value on an in-only field is accepted as eq', ({ assert }) => {
    const [status] = parse({ status: ['open', 'closed'] }).conditions
    assert.equal(status.op, 'in')
    assert.deepEqual(status.values, ['open', 'closed'])
    const [id] = parse({ id: ['1', '2', '3'] }).conditions
    assert.equal(id.op, 'in')
    const [kind] = parse({ kind: 'a' }).conditions
    assert.deepEqual([kind.op, kind.values], ['eq', ['a']])
    const [kinds] = parse({ kind: ['a', 'b'] }).conditions
    assert.equal(kinds.op, 'in')
  })

  test('reserved parameters are not filters', ({ assert }) => {
    const plan = parse({ _start: '0', _end: '10', _sort: 'name', _order: 'asc', q: 'x' })
    assert.deepEqual(plan.conditions, [])
    assert.equal(plan.search, 'x')
  })

  test('an unknown field is a 400 naming it; write-only and computed fields are not filterable', ({ assert }) => {
    refused(assert, () => parse({ balance: '1' }), 'balance', 'things')
    refused(assert, () => parse({ balance_gte: '1' }), 'balance')
    refused(assert, () => parse({ secret: 'x' }), 'secret')
    refused(assert, () => parse({ shown: 'x' }), 'shown')
  })

  test('names every object inherits are unknown fields, not declarations', ({ assert }) => {
    for (const key of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf_ne']) {
      refused(assert, () => parse({ [key]: 'x' }), key.replace(/_ne$/, ''))
    }
  })

  test('an operator the field does not declare is a 400 naming the field and the operator', ({ assert }) => {
    refused(assert, () => parse({ name_gte: 'a' }), 'name', 'gte')
    refused(assert, () => parse({ kind_ne: 'a' }), 'kind', 'ne')
    refused(assert, () => parse({ created_at: '2026-01-01' }), 'created_at', 'eq')
    refused(assert, () => parse({ active_like: 'tr' }), 'active', 'contains')
    refused(assert, () => parse({ note: 'x' }), 'note')
  })

  test('values are coerced per type, and refused when they are not of it', ({ assert }) => {
    assert.deepEqual(parse({ id: '42' }).conditions[0].values, ['42'])
    assert.deepEqual(parse({ id: '-5' }).conditions[0].values, ['-5'])
    for (const bad of ['abc', '1e3', '0x10', '', ' 1', '1234567890123456789']) refused(assert, () => parse({ id: bad }), 'id')
    refused(assert, () => parse({ owner_id: 'x' }), 'owner_id')

    assert.deepEqual(parse({ amount_gte: '12.5' }).conditions[0].values, ['1250'])
    assert.deepEqual(parse({ amount: '-0.01' }).conditions[0].values, ['-1'])
    assert.deepEqual(parse({ amount_lte: '90071992547409930.01' }).conditions[0].values, ['9007199254740993001'])
    for (const bad of ['12.345', '1e3', 'ten', '12,50', '.5']) refused(assert, () => parse({ amount: bad }), 'amount')

    assert.deepEqual(parse({ active: 'true' }).conditions[0].values, [true])
    assert.deepEqual(parse({ active: '1' }).conditions[0].values, [true])
    assert.deepEqual(parse({ active: 'false' }).conditions[0].values, [false])
    assert.deepEqual(parse({ active: '0' }).conditions[0].values, [false])
    for (const bad of ['yes', 'TRUE ', '', 'null']) refused(assert, () => parse({ active: bad }), 'active')

    refused(assert, () => parse({ status: 'pending' }), 'status', 'open', 'closed')
    refused(assert, () => parse({ status: ['open', 'pending'] }), 'pending')
  })

  test('dates: a date-only lower bound is the start of the day, a date-only upper bound covers the whole day (UTC)', ({ assert }) => {
    // datetime bounds reach PostgreSQL as text with microseconds, its own precision
    const [gte] = parse({ created_at_gte: '2026-11-22' }).conditions
    assert.equal(gte.op, 'gte')
    assert.equal(gte.values[0], '2026-11-22T00:00:00.000000Z')
    const [lte] = parse({ created_at_lte: '2026-11-22' }).conditions
    assert.deepEqual([lte.op, lte.values[0]], ['lt', '2026-11-23T00:00:00.000000Z'])
    // a time bound is exact to the millisecond the API speaks: it covers that millisecond's microseconds only
    const [exact] = parse({ created_at_lte: '2026-11-22T10:15:00Z' }).conditions
    assert.deepEqual([exact.op, exact.values[0]], ['lt', '2026-11-22T10:15:00.001000Z'])
    const [milli] = parse({ created_at_lte: '2026-11-22T10:15:00.123Z' }).conditions
    assert.deepEqual([milli.op, milli.values[0]], ['lt', '2026-11-22T10:15:00.124000Z'])
    const [micro] = parse({ created_at_lte: '2026-11-22T10:15:00.123456Z' }).conditions
    assert.deepEqual([micro.op, micro.values[0]], ['lt', '2026-11-22T10:15:00.123457Z'])
    const [microLower] = parse({ created_at_gte: '2026-11-22T10:15:00.123456Z' }).conditions
    assert.equal(microLower.values[0], '2026-11-22T10:15:00.123456Z')
    const [offset] = parse({ created_at_gte: '2026-11-22T10:15:00+02:00' }).conditions
    assert.equal(offset.values[0], '2026-11-22T08:15:00.000000Z')
    const [offsetUpper] = parse({ created_at_lte: '2026-11-22T23:59:59.999+08:00' }).conditions
    assert.equal(offsetUpper.values[0], '2026-11-22T16:00:00.000000Z')
    const [day] = parse({ day_lte: '2026-02-28' }).conditions
    assert.isAtLeast((day.values[0] as Date).getTime(), new Date('2026-02-28T23:59:59.999Z').getTime())
    for (const bad of ['yesterday', '2026-13-01', '2026-02-30', '22/11/2026', '']) refused(assert, () => parse({ created_at_gte: bad }), 'created_at')
  })

  test('text limits: like at most 200 characters, eq at most 500', ({ assert }) => {
    assert.lengthOf(parse({ name_like: 'x'.repeat(200) }).conditions, 1)
    refused(assert, () => parse({ name_like: 'x'.repeat(201) }), 'name')
    assert.lengthOf(parse({ name: 'x'.repeat(500) }).conditions, 1)
    refused(assert, () => parse({ name: 'x'.repeat(501) }), 'name')
  })

  test('parameters must be plain text, and at most 500 values', ({ assert }) => {
    refused(assert, () => parse({ name: { a: 'b' } }), 'name')
    refused(assert, () => parse({ name: ['a', { b: 'c' }] }), 'name')
    refused(assert, () => parse({ name: [] }), 'name')
    refused(assert, () => parse({ id: Array.from({ length: 501 }, (_, i) => String(i)) }), 'id', '500')
    assert.lengthOf(parse({ id: Array.from({ length: 500 }, (_, i) => String(i)) }).conditions[0].values, 500)
    refused(assert, () => parse({ _start: ['0', '10'] as any, _end: { x: 1 } }), '_end')
  })

  test('a repeated ne/gte/lte/like is refused or applied in full, never reduced to its first value', ({ assert }) => {
    for (const [key, values, expected] of [
      ['name_ne', ['a', 'b'], ['a', 'b']],
      ['amount_gte', ['1', '2'], ['100', '200']],
      ['id_lte', ['5', '9'], ['5', '9']],
      ['name_like', ['ab', 'cd'], ['%ab%', '%cd%']],
    ] as Array<[string, string[], string[]]>) {
      let plan
      try {
        plan = parse({ [key]: values })
      } catch (error: any) {
        assert.equal(error.status, 400, key)
        continue
      }
      const { bindings } = applyFilters(db.from('things'), things, plan).toSQL()
      assert.includeMembers(bindings as unknown[], expected, `${key}=${values.join('&')} silently kept only ${JSON.stringify(bindings)}`)
    }
  })

  test('like and search escape % and _ so they match literally', ({ assert }) => {
    const { bindings } = applyFilters(db.from('things'), things, parse({ name_like: '50%_off\\' })).toSQL()
    assert.deepEqual(bindings, ['%50\\%\\_off\\\\%'])
    const search = applyFilters(db.from('things'), things, parse({ q: '%' })).toSQL()
    assert.include(search.bindings as unknown[], '%\\%%')
  })
})

test.group('parseListQuery / search', () => {
  test('q is trimmed; blank means no search; over 200 characters is refused', ({ assert }) => {
    assert.equal(parse({ q: '  hello  ' }).search, 'hello')
    assert.isUndefined(parse({ q: '   ' }).search)
    assert.equal(parse({ q: 'x'.repeat(200) }).search, 'x'.repeat(200))
    refused(assert, () => parse({ q: 'x'.repeat(201) }), '200')
    refused(assert, () => parse({ q: { a: 'b' } }), 'q')
  })

  test('q on a resource without searchable fields is a 400', ({ assert }) => {
    refused(assert, () => parseListQuery(plain, { q: 'x' }), 'plain')
  })

  test('a numeric search also matches the id; text only the text columns', ({ assert }) => {
    const numeric = applyFilters(db.from('things'), things, parse({ q: '42' })).toSQL()
    assert.include(numeric.bindings as unknown[], '42')
    assert.include(numeric.bindings as unknown[], '%42%')
    const text = applyFilters(db.from('things'), things, parse({ q: 'ab' })).toSQL()
    assert.notInclude(text.sql, '"id" =')
  })
})

test.group('parseListQuery / sort', () => {
  test('several fields with their orders; the primary key is appended with the last order', ({ assert }) => {
    assert.deepEqual(parse({ _sort: 'name,created_at', _order: 'asc,desc' }).sort, [
      { column: 'name', order: 'asc' },
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    assert.deepEqual(parse({ _sort: 'owner_id' }).sort, [
      { column: 'owner', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    assert.deepEqual(parse({ _sort: ' name ', _order: 'DESC' }).sort, [
      { column: 'name', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    assert.deepEqual(parse({ _sort: 'id', _order: 'desc' }).sort, [{ column: 'id', order: 'desc' }])
    assert.deepEqual(parse({ _sort: ['name', 'amount'], _order: ['desc', 'asc'] }).sort, [
      { column: 'name', order: 'desc' },
      { column: 'amount', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
  })

  test('missing orders default to asc', ({ assert }) => {
    assert.deepEqual(
      parse({ _sort: 'name,amount', _order: 'desc' }).sort.map((s) => s.order),
      ['desc', 'asc', 'asc']
    )
  })

  test('a write-only or computed field cannot be sorted on, even when declared sortable', ({ assert }) => {
    // the filter path refuses these; sorting by a hidden column would leak its order (or hit a missing column)
    refused(assert, () => parse({ _sort: 'secret' }), 'secret')
    refused(assert, () => parse({ _sort: 'shown' }), 'shown')
  })

  test('an unknown, unsortable or inherited sort field is a 400 naming it', ({ assert }) => {
    refused(assert, () => parse({ _sort: 'balance' }), 'balance')
    refused(assert, () => parse({ _sort: 'status' }), 'status')
    refused(assert, () => parse({ _sort: 'name,nope' }), 'nope')
    refused(assert, () => parse({ _sort: 'constructor' }), 'constructor')
    refused(assert, () => parse({ _sort: 'name; drop table things' }), 'drop table')
    refused(assert, () => parse({ _sort: '' }))
  })

  test('an order other than asc/desc is a 400 naming it', ({ assert }) => {
    refused(assert, () => parse({ _sort: 'name', _order: 'sideways' }), 'sideways')
    refused(assert, () => parse({ _sort: 'name', _order: 'asc;' }), 'asc;')
  })
})

test.group('parseListQuery / paging', () => {
  test('start and end as given; end defaults to a full page', ({ assert }) => {
    assert.deepInclude(parse({ _start: '10', _end: '30' }), { start: 10, end: 30 })
    assert.deepInclude(parse({ _start: '0', _end: '0' }), { start: 0, end: 0 })
    assert.deepInclude(parse({ _start: '50' }), { start: 50, end: 250 })
    assert.deepInclude(parse({ _end: '5' }), { start: 0, end: 5 })
  })

  test('a window wider than 200 is capped at 200', ({ assert }) => {
    assert.deepInclude(parse({ _start: '0', _end: '1000' }), { start: 0, end: 200 })
    assert.deepInclude(parse({ _start: '100', _end: '301' }), { start: 100, end: 300 })
    assert.deepInclude(parse({ _start: '100', _end: '300' }), { start: 100, end: 300 })
  })

  test('end before start, negative, fractional or huge values are 400s', ({ assert }) => {
    refused(assert, () => parse({ _start: '10', _end: '5' }), '_end')
    for (const bad of ['-1', '1.5', 'abc', '', '1e3', '9999999999']) {
      refused(assert, () => parse({ _start: bad }), '_start')
      refused(assert, () => parse({ _end: bad }), '_end')
    }
  })

  test('paginate: false (export) ignores the window but still checks _start', ({ assert }) => {
    assert.deepInclude(parse({ _start: '10', _end: '20' }, { paginate: false }), { start: 0, end: Number.MAX_SAFE_INTEGER })
    refused(assert, () => parse({ _start: 'abc' }, { paginate: false }), '_start')
  })
})

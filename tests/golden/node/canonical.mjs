// RFC 8785 canonical JSON in JavaScript: sorted keys (UTF-16 order), no spaces, ECMAScript numbers.

const compareUtf16 = (a, b) => (a < b ? -1 : a > b ? 1 : 0)

export function canonical(value) {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${value} is not a JSON number`)
    return Object.is(value, -0) ? '0' : String(value)
  }
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'string') return JSON.stringify(value)
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    return '[' + Array.from(value, canonical).join(',') + ']'
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort(compareUtf16)
    return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonical(value[k])).join(',') + '}'
  }
  throw new TypeError(`not a JSON value: ${typeof value}`)
}

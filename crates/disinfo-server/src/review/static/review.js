// The review's keyboard shortcuts and conditional questions. The pages work without this file:
// every question is shown and the server keeps only the answers to questions asked.
'use strict'
;(function () {
  const form = document.getElementById('answers')
  if (!form) return
  const fieldsets = Array.from(form.querySelectorAll('fieldset.question'))
  const chosen = (question) =>
    Array.from(form.querySelectorAll(`input[name="q.${question}"]:checked`)).map((i) => i.value)
  function refresh () {
    for (const f of fieldsets) {
      const on = f.dataset.when
      if (!on) continue
      const any = (f.dataset.any || '').split(' ')
      f.hidden = !chosen(on).some((v) => any.includes(v))
    }
  }
  // The current question: the one holding the focus, else the first visible one without an answer.
  function current () {
    const focused = document.activeElement && document.activeElement.closest('fieldset.question')
    if (focused && !focused.hidden) return focused
    return fieldsets.find((f) => !f.hidden && f.querySelector('input') && !f.querySelector('input:checked')) ||
      fieldsets.find((f) => !f.hidden)
  }
  form.addEventListener('change', refresh)
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return
    const target = event.target
    if (target && (target.tagName === 'TEXTAREA' || (target.tagName === 'INPUT' && target.type === 'text'))) return
    if (/^[1-9]$/.test(event.key)) {
      const f = current()
      const inputs = f ? Array.from(f.querySelectorAll('input')) : []
      const input = inputs[Number(event.key) - 1]
      if (!input) return
      input.checked = input.type === 'checkbox' ? !input.checked : true
      input.focus()
      refresh()
      event.preventDefault()
    } else if (event.key === 's' || event.key === 'S') {
      form.querySelector('button[value="skip"]').click()
      event.preventDefault()
    } else if (event.key === 'Enter' && target.tagName !== 'BUTTON') {
      form.querySelector('button[value="answer"]').click()
      event.preventDefault()
    }
  })
  refresh()
  const error = document.getElementById('error')
  if (error) error.focus()
})()

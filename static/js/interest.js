// "I'd go" without leaving the page. Progressive enhancement only: each button is a plain form
// that works without this file. The form says what it wants (want=yes|no), never "toggle", so a
// double click or a retried request cannot undo itself.
const announcer = document.querySelector('[data-interest-announcer]');

function render(form, outcome) {
  const title = form.dataset.title;
  const button = form.querySelector('button');
  form.querySelector('input[name="want"]').value = outcome.want ? 'no' : 'yes';
  button.querySelector('[data-label]').textContent = outcome.want ? 'Remove my “I’d go”' : 'I’d go';
  button.querySelector('[data-suffix]').textContent = `${outcome.want ? ' from ' : ' to '}${title}`;
  button.classList.toggle('govuk-button--secondary', outcome.want);
  const status = form.parentElement.querySelector('[data-interest-status]');
  status.textContent = '';
  if (outcome.want) {
    const strong = document.createElement('strong');
    strong.textContent = 'You’d go.';
    status.append(strong, ' ');
  }
  if (outcome.count !== null) status.append(`${outcome.count} would go`);
  if (announcer) {
    const count = outcome.count === null ? '' : ` ${outcome.count} would go.`;
    announcer.textContent = `${outcome.want ? 'You’d go to' : 'Removed your “I’d go” from'} ${title}.${count}`;
  }
}

document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.matches('[data-interest-form]')) return;
  event.preventDefault();
  const button = form.querySelector('button');
  if (button.getAttribute('aria-disabled') === 'true') return;
  button.setAttribute('aria-disabled', 'true');
  try {
    const response = await fetch(form.action, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(new FormData(form)),
      credentials: 'same-origin',
    });
    if (!response.ok) throw new Error(String(response.status));
    render(form, await response.json());
  } catch {
    // Let the server explain (not registered, interest closed, signed out) on a page of its own.
    form.submit();
  } finally {
    button.removeAttribute('aria-disabled');
  }
});

// Drag and drop for the grid editor: dropping a session on a cell submits the same "place" form
// the page offers without JavaScript, so the server checks it exactly the same way.
const table = document.querySelector('[data-grid-version]');
const token = document.querySelector('input[name="_csrf"]');

if (table && token) {
  const action = window.location.pathname.replace(/\/$/, '') + '/place';
  let dragged = null;

  document.querySelectorAll('.campgrid-grid__session[data-pitch]').forEach((link) => {
    link.addEventListener('dragstart', (event) => {
      dragged = link.dataset.pitch;
      event.dataTransfer.setData('text/plain', dragged);
      event.dataTransfer.effectAllowed = 'move';
    });
  });

  table.querySelectorAll('td[data-room][data-slot]').forEach((cell) => {
    cell.addEventListener('dragover', (event) => {
      event.preventDefault();
      cell.classList.add('campgrid-grid__cell--target');
    });
    cell.addEventListener('dragleave', () => cell.classList.remove('campgrid-grid__cell--target'));
    cell.addEventListener('drop', (event) => {
      event.preventDefault();
      const pitch = event.dataTransfer.getData('text/plain') || dragged;
      if (!pitch) return;
      const form = document.createElement('form');
      form.method = 'post';
      form.action = action;
      const fields = {
        _csrf: token.value,
        version: table.dataset.gridVersion,
        pitchId: pitch,
        roomId: cell.dataset.room,
        slotId: cell.dataset.slot,
        day: new URLSearchParams(window.location.search).get('day') || '',
      };
      for (const [name, value] of Object.entries(fields)) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = name;
        input.value = value;
        form.append(input);
      }
      document.body.append(form);
      form.submit();
    });
  });
}

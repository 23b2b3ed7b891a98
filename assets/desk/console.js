// The staff console's only script: keeps the deadline countdowns live. The words come
// from data attributes on <body> (the user's catalog); without JS the server's text stays.
(function () {
  'use strict';
  var words = document.body.dataset;
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function span(seconds) {
    var s = Math.abs(seconds);
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    return (d > 0 ? d + words.day + ' ' : '') + h + words.hour + ' ' + pad(m) + words.minute;
  }
  function tick() {
    var now = Date.now() / 1000;
    document.querySelectorAll('.countdown[data-deadline]').forEach(function (el) {
      var left = Number(el.dataset.deadline) - now;
      var late = left < 0;
      el.textContent = (late ? words.late : words.left).replace('{time}', span(left));
      el.classList.toggle('late', late);
      var row = el.closest('tr');
      if (row && late) row.classList.add('overdue');
    });
  }
  tick();
  setInterval(tick, 30000);
})();

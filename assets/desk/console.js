// The staff console's only script: keeps the deadline countdowns live. The words come
// from data attributes on <body> (the user's catalog); without JS the server's text stays.
(function () {
  'use strict';
  var words = document.body.dataset;
  // The same rule as time_span_text in desk/console_pages.cpp: two units at most, a zero
  // second unit left out, a part minute under an hour counted as one ("58分钟", "1小时").
  function span(seconds) {
    var s = Math.floor(Math.abs(seconds));
    if (s < 3600) s = Math.max(60, Math.ceil(s / 60) * 60);
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    function pair(first, second) { return words.pair.replace('{first}', first).replace('{second}', second); }
    if (d > 0) return h > 0 ? pair(d + words.day, h + words.hour) : d + words.day;
    if (h > 0) return m > 0 ? pair(h + words.hour, m + words.minute) : h + words.hour;
    return m + words.minute;
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

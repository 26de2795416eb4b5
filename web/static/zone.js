// Fills in the browser's time zone where a form asks for it (data-browser-zone): the hidden field
// on sign-up, and the settings list while the member has not chosen one. Without JavaScript the
// forms work as they are, and times stay in UTC until chosen.
/* global document */
;(function () {
  var zone
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  } catch (e) {
    return
  }
  if (!zone) return
  var fields = document.querySelectorAll('[data-browser-zone]')
  for (var i = 0; i < fields.length; i++) {
    var f = fields[i]
    if (f.tagName === 'SELECT') {
      for (var j = 0; j < f.options.length; j++) if (f.options[j].value === zone) f.selectedIndex = j
    } else if (!f.value) f.value = zone
  }
})()

// List pages: the 打印 button prints the page (the print stylesheet drops the menu, the tools and the pager).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) { event.preventDefault(); window.print(); }
});

// A <select data-autosubmit> submits its form when its value changes (instead of an inline onchange=, which the
// Content-Security-Policy forbids).
document.addEventListener("change", function (event) {
  var select = event.target.closest("select[data-autosubmit]");
  if (select && select.form) {
    if (select.form.requestSubmit) { select.form.requestSubmit(); } else { select.form.submit(); }
  }
});

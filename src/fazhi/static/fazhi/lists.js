// List pages: the 打印 button prints the page (the print stylesheet drops the menu, the tools and the pager).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) { event.preventDefault(); window.print(); }
});

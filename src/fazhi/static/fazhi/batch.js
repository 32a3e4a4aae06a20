// Batch actions on list pages: the "全选" box ticks every row of the page shown, and the counter says how many
// rows are ticked. The batch form names its rows' boxes with data-batch="<form id>".
(function () {
  function boxes(formId) {
    return Array.prototype.slice.call(document.querySelectorAll('input[name="ids"][form="' + formId + '"]'));
  }
  function count(formId) {
    var out = document.querySelector('[data-batch-count="' + formId + '"]');
    if (out) { out.textContent = "已勾选 " + boxes(formId).filter(function (b) { return b.checked; }).length + " 项"; }
  }
  document.addEventListener("change", function (event) {
    var all = event.target.closest("[data-batch-all]");
    if (all) {
      boxes(all.getAttribute("data-batch-all")).forEach(function (b) { b.checked = all.checked; });
      count(all.getAttribute("data-batch-all"));
      return;
    }
    if (event.target.name === "ids" && event.target.form) { count(event.target.form.id); }
  });
})();

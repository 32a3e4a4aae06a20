// Search fields (core.web.choices): an <input data-autocomplete="/choices/<source>/"> offers the records matching
// what is typed, from the platform's own scoped endpoint, as a list under the field (ARIA combobox: arrows, Enter,
// Escape, or the mouse). With data-multiple the choice replaces the name being typed after the last "、".
// No inline script: this file is loaded by base.html; without it the field still takes a typed name.
(function () {
  "use strict";
  var SEPARATOR = /[、,，;；\n]/;
  var counter = 0;

  function currentToken(input) {
    if (!input.dataset.multiple) { return input.value.trim(); }
    var parts = input.value.split(SEPARATOR);
    return parts[parts.length - 1].trim();
  }

  function choose(input, label) {
    if (input.dataset.multiple) {
      var parts = input.value.split(SEPARATOR).map(function (s) { return s.trim(); }).filter(Boolean);
      parts.pop();
      parts.push(label);
      input.value = parts.join("、") + "、";
    } else {
      input.value = label;
    }
  }

  function enhance(input) {
    var id = "autocomplete-" + (++counter);
    var list = document.createElement("ul");
    list.id = id;
    list.className = "autocomplete-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "搜索结果");
    list.hidden = true;
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    var active = -1, timer = null, asked = "";

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var items = list.querySelectorAll("[role=option]");
      if (!items.length) { return; }
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    function show(results) {
      list.innerHTML = "";
      active = -1;
      if (!results.length) {
        var none = document.createElement("li");
        none.className = "autocomplete-empty";
        none.textContent = "没有找到";
        list.appendChild(none);
      }
      results.forEach(function (r, i) {
        var item = document.createElement("li");
        item.id = id + "-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = r.label;  // text only: never HTML from the server
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(input, r.label);
          close();
          input.focus();
        });
        list.appendChild(item);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function ask() {
      var q = currentToken(input);
      if (!q) { close(); return; }
      asked = q;
      fetch(input.dataset.autocomplete + "?q=" + encodeURIComponent(q), {
        credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (response) {
        return response.ok ? response.json() : { results: [] };
      }).then(function (data) {
        if (asked === q && document.activeElement === input) { show(data.results || []); }
      }).catch(close);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Escape") { event.preventDefault(); close(); }
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(input, list.querySelectorAll("[role=option]")[active].textContent);
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function start() {
    document.querySelectorAll("input[data-autocomplete]").forEach(enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

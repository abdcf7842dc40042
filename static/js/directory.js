// Directory: apply a filter as soon as a checkbox or the sort order changes, and keep
// the visitor's place: after the reload, focus returns to the control they used.
// Without JavaScript the "Apply filters" button does the same and the filters stay open.
(function () {
  "use strict";
  var form = document.getElementById("directory-form");
  if (!form) {
    return;
  }
  var FOCUS_KEY = "c2f-directory-focus";
  var panel = document.getElementById("directory-filters");
  var toggle = form.querySelector(".filters-toggle");
  var phone = window.matchMedia("(max-width: 991.98px)");

  function setOpen(open) {
    if (!panel || !toggle) {
      return;
    }
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    panel.classList.toggle("is-folded", !open);
  }

  function remember(id) {
    try {
      window.sessionStorage.setItem(FOCUS_KEY, id);
    } catch (error) {
      // Storage switched off: the page still works, focus just starts at the top.
    }
  }

  function recall() {
    try {
      var id = window.sessionStorage.getItem(FOCUS_KEY);
      window.sessionStorage.removeItem(FOCUS_KEY);
      return id;
    } catch (error) {
      return null;
    }
  }

  // Phones: results first, the filters behind a "Filters" button.
  if (panel && toggle) {
    toggle.hidden = false;
    setOpen(!phone.matches);
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
  }

  // Back from a reload caused by a filter: the same control has focus again.
  var id = recall();
  var control = id ? document.getElementById(id) : null;
  if (control && form.contains(control)) {
    if (panel && panel.contains(control)) {
      setOpen(true);
    }
    var more = control.closest("details");
    if (more) {
      more.open = true;
    }
    control.focus();
  }

  form.addEventListener("change", function (event) {
    if (event.target.matches("[data-autosubmit]")) {
      // Start again from the first page whenever the filters change.
      var page = form.querySelector("input[name=page]");
      if (page) {
        page.remove();
      }
      if (event.target.id) {
        remember(event.target.id);
      }
      form.requestSubmit ? form.requestSubmit() : form.submit();
    }
  });
})();

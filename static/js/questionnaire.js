// The questionnaire, enhanced: everything also works without JavaScript.
(function () {
  "use strict";

  // "Add another" clones the formset's empty row instead of a round trip to the server.
  document.querySelectorAll("[data-formset-add]").forEach(function (button) {
    var prefix = button.getAttribute("data-formset-add");
    var template = document.getElementById(prefix + "-empty");
    var rows = document.getElementById(prefix + "-rows");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var max = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    if (!template || !rows || !total) {
      return;
    }
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var index = parseInt(total.value, 10) || 0;
      if (max && index >= parseInt(max.value, 10)) {
        button.disabled = true;
        return;
      }
      var html = template.innerHTML
        .replace(/__prefix__/g, String(index))
        .replace(/__number__/g, String(index + 1));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var row = holder.firstElementChild;
      rows.appendChild(row);
      total.value = String(index + 1);
      var first = row.querySelector("input, select, textarea");
      if (first) {
        first.focus();
      }
    });
  });

  // Competencies: choosing a level ticks the competency; unticking clears the level.
  document.querySelectorAll(".competency-row").forEach(function (row) {
    var checkbox = row.querySelector("input[type=checkbox]");
    var level = row.querySelector("select");
    if (!checkbox || !level) {
      return;
    }
    level.addEventListener("change", function () {
      checkbox.checked = level.value !== "";
    });
    checkbox.addEventListener("change", function () {
      if (!checkbox.checked) {
        level.value = "";
      } else if (level.value === "") {
        level.focus();
      }
    });
  });

  // Submit once: a double click sends one request (the server is idempotent anyway).
  document.querySelectorAll("[data-submit-once]").forEach(function (button) {
    var form = button.form;
    form.addEventListener("submit", function () {
      window.setTimeout(function () {
        button.disabled = true;
      }, 0);
    });
  });

  // The resume link selects itself on focus, ready to copy.
  var resume = document.getElementById("resume-link");
  if (resume) {
    resume.addEventListener("focus", function () {
      resume.select();
    });
  }
})();

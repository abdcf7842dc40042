// Directory: apply a filter as soon as a checkbox or the sort order changes.
// Without JavaScript the "Apply filters" button does the same.
(function () {
  "use strict";
  var form = document.getElementById("directory-form");
  if (!form) {
    return;
  }
  form.addEventListener("change", function (event) {
    if (event.target.matches("[data-autosubmit]")) {
      // Start again from the first page whenever the filters change.
      var page = form.querySelector("input[name=page]");
      if (page) {
        page.remove();
      }
      form.requestSubmit ? form.requestSubmit() : form.submit();
    }
  });
})();

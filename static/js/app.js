// Small progressive enhancements; every page also works without JavaScript.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  // The language switcher submits itself when a language is picked.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // A choice that changes the rest of the form (the questionnaire of a new assessment) reloads the page with it.
  var reloading = document.querySelector("select[name=questionnaire_id]");
  if (reloading) {
    reloading.addEventListener("change", function () {
      var url = new URL(window.location.href);
      url.searchParams.set("questionnaire", reloading.value);
      window.location.assign(url.toString());
    });
  }
  // Invitation links are selected in one click, ready to copy.
  document.querySelectorAll("input.copyable").forEach(function (input) {
    input.addEventListener("focus", function () { input.select(); });
  });
  // A form is sent once: a double click must not send it twice.
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        window.setTimeout(function () { button.disabled = true; }, 0);
      });
    });
  });
})();

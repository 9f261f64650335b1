// Small progressive enhancements; every page also works without JavaScript.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  // The language switcher submits itself when a language is picked with the mouse. With the keyboard the
  // arrows only browse the list: Enter, or leaving the list on another language, switches.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    var initial = select.value;
    var byKeyboard = false;
    function switchIfChanged() { if (select.value !== initial) { select.form.submit(); } }
    select.addEventListener("keydown", function (event) {
      byKeyboard = true;
      if (event.key === "Enter") { event.preventDefault(); switchIfChanged(); }
    });
    select.addEventListener("pointerdown", function () { byKeyboard = false; });
    select.addEventListener("change", function () { if (!byKeyboard) { switchIfChanged(); } });
    select.addEventListener("blur", switchIfChanged);
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

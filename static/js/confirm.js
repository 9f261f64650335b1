// Confirmation before an irreversible action. A <form> or submit <button> carrying data-confirm="what will happen"
// opens a modal dialog with that sentence; confirming submits the form as the clicked button would (its name and
// value included), cancelling or Esc leaves everything as it was and gives the focus back to the button. The labels
// come from data-confirm-yes / data-confirm-no on the element, else on <body>. Without JavaScript the form submits
// directly and the server's own rules still apply.
(function () {
  "use strict";
  var dialog = null;
  var confirmed = null; // the form whose next submit was confirmed and must go through

  function labelOf(element, form, name, fallback) {
    return element.getAttribute(name) || form.getAttribute(name) || document.body.getAttribute(name) || fallback;
  }

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-text");
    var text = document.createElement("p");
    text.id = "confirm-dialog-text";
    var actions = document.createElement("div");
    actions.className = "actions";
    var yes = document.createElement("button");
    yes.type = "button";
    yes.className = "button";
    yes.value = "yes";
    var no = document.createElement("button");
    no.type = "button";
    no.className = "button secondary";
    no.value = "no";
    actions.append(yes, no);
    dialog.append(text, actions);
    document.body.append(dialog);
    yes.addEventListener("click", function () { dialog.close("yes"); });
    no.addEventListener("click", function () { dialog.close("no"); });
    // Esc closes a modal dialog with an empty return value: that is a cancel.
    dialog.addEventListener("cancel", function () { dialog.returnValue = "no"; });
    return dialog;
  }

  function ask(form, button) {
    var source = button && button.hasAttribute("data-confirm") ? button : form;
    var box = dialog || build();
    var yes = box.querySelector("button[value=yes]");
    var no = box.querySelector("button[value=no]");
    box.querySelector("p").textContent = source.getAttribute("data-confirm");
    yes.textContent = labelOf(source, form, "data-confirm-yes", "OK");
    no.textContent = labelOf(source, form, "data-confirm-no", "Cancel");
    box.returnValue = "";
    box.addEventListener("close", function answered() {
      if (box.returnValue === "yes") {
        confirmed = form; // requestSubmit sends the submit event at once: let that one through, and only it
        try {
          if (button) { form.requestSubmit(button); } else { form.requestSubmit(); }
        } finally {
          confirmed = null;
        }
      } else {
        (button || form.querySelector("[type=submit], button:not([type])") || form).focus();
      }
    }, { once: true });
    box.showModal();
    no.focus(); // the safe answer is the one Enter gives
  }

  // Capture phase: the question comes before any other submit handler (such as the one that disables the buttons).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    if (confirmed === form) { return; }
    var asks = (button && button.hasAttribute("data-confirm")) || form.hasAttribute("data-confirm");
    if (!asks) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    ask(form, button && button.form === form ? button : null);
  }, true);
})();

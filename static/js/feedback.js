// Feedback where the user is looking: the message of the action just sent (shown beside its form by the server)
// or, on a form shown again with errors, its first invalid field, is brought into view and given focus.
(function () {
  "use strict";
  var target = document.querySelector("[data-feedback][role=alert]") ||
    document.querySelector("[data-feedback]") ||
    document.querySelector("form [aria-invalid=true]");
  if (!target) { return; }
  function reveal() {
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }
  reveal();
  // The browser scrolls to the address's #section once the page has loaded, which can push a message that sits
  // low in a long section out of sight again: bring it back unless the user has moved on since.
  window.addEventListener("load", function () {
    var box = target.getBoundingClientRect();
    if (document.activeElement === target && (box.top < 0 || box.bottom > window.innerHeight)) { reveal(); }
  });
})();

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
  // The browser goes to the address's #section once the page has loaded, which can take the focus back to the
  // page and scroll a message that sits low in a long section out of sight: do it again, unless the user has
  // moved on to something else since.
  window.addEventListener("load", function () {
    var active = document.activeElement;
    if (active === target || active === document.body || active === null) { reveal(); }
  });
})();

// Respondent pages: save each answer as soon as it is given, one request at a time per question,
// retrying while offline. Without this script the page still works: answers are saved on "Next".
// Nothing typed is lost on leaving: a comment still waiting for its pause is sent at once when the field loses
// focus, the page is hidden or left (keepalive requests outlive the page), and the browser asks before leaving
// while a save is still on its way or has failed. The link token in the URL is the credential, as for every
// respondent request, so no session or CSRF token is needed and an expired session loses nothing.
(function () {
  "use strict";
  var form = document.querySelector("form.respond-form");
  if (!form || !window.fetch) { return; }
  var url = form.dataset.autosaveUrl;
  var statusLine = form.querySelector(".save-status");
  var fieldsets = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-question], fieldset[data-expectation]"));
  var queues = {};
  var pending = 0;
  var locked = false;
  var submitting = false;  // the form itself is leaving, carrying every answer on the page

  function say(text) { statusLine.textContent = text; }
  function keyOf(fieldset) { return fieldset.dataset.question || fieldset.dataset.expectation; }
  function wait(ms) { return new Promise(function (resolve) { window.setTimeout(resolve, ms); }); }

  // The payload is built when the request leaves, so it always carries the latest value and revision.
  function payload(fieldset) {
    if (fieldset.dataset.expectation) {
      return { kind: "expectation", key: fieldset.dataset.expectation, revision: Number(fieldset.dataset.revision),
               value: fieldset.querySelector("input[type=number]").value };
    }
    var checked = fieldset.querySelector("input[type=radio]:checked");
    return { kind: "answer", key: fieldset.dataset.question, revision: Number(fieldset.dataset.revision),
             choice: checked ? checked.value : "", comment: fieldset.querySelector("textarea").value };
  }

  // What a payload would store: compared to know whether the server already has what the page shows.
  function content(body) { return JSON.stringify([body.choice, body.comment, body.value]); }

  function showStored(fieldset, data) {
    if (fieldset.dataset.expectation) {
      fieldset.querySelector("input[type=number]").value = data.value === null ? "" : data.value;
      return;
    }
    fieldset.querySelectorAll("input[type=radio]").forEach(function (radio) {
      radio.checked = data.choice !== null && String(radio.value) === String(data.choice);
    });
    fieldset.querySelector("textarea").value = data.comment || "";
  }

  function accept(fieldset, data, sent) {
    fieldset._failed = false;
    fieldset._stored = sent;
    fieldset.dataset.revision = data.revision;
    fieldset.querySelector("input[name^='r_']").value = data.revision;
    var note = fieldset.querySelector(".question-status");
    if (data.conflict) {
      showStored(fieldset, data);
      fieldset._stored = content(payload(fieldset));
      fieldset.classList.add("conflict");
      note.textContent = form.dataset.msgConflict;
    } else {
      fieldset.classList.remove("conflict", "invalid");
      note.textContent = "";
    }
    var progress = document.getElementById("answer-progress");
    if (progress && typeof data.answered === "number") {
      progress.value = data.answered;
      document.getElementById("answered-count").textContent = data.answered;
    }
  }

  function lock(message) {
    locked = true;
    say(message || form.dataset.msgLocked);
    form.querySelectorAll("input, textarea, button").forEach(function (element) { element.disabled = true; });
  }

  function post(body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin", keepalive: true,  // a save under way outlives the page
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body)
    });
  }

  function send(fieldset, attempt) {
    if (locked) { return Promise.resolve(); }
    var body = payload(fieldset);
    var sent = content(body);
    fieldset._sending = sent;
    return post(body).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (result) {
      fieldset._sending = null;
      if (result.status === 200 && result.data.ok) { accept(fieldset, result.data, sent); return; }
      if (result.status === 409) { lock(result.data.message); return; }
      if (result.status === 400 || result.status === 422) {
        fieldset._failed = true;
        fieldset.classList.add("invalid");
        fieldset.querySelector(".question-status").textContent = result.data.message || "";
        return;
      }
      throw new Error("server " + result.status);
    }).catch(function () {
      fieldset._sending = null;
      fieldset._failed = true;
      say(form.dataset.msgOffline);
      return wait(Math.min(30000, 1000 * Math.pow(2, attempt))).then(function () { return send(fieldset, attempt + 1); });
    });
  }

  function save(fieldset) {
    var key = keyOf(fieldset);
    pending += 1;
    say(form.dataset.msgSaving);
    queues[key] = (queues[key] || Promise.resolve()).then(function () { return send(fieldset, 0); }).then(function () {
      pending -= 1;
      if (!pending && !locked) { say(form.dataset.msgSaved); }
    });
  }

  function debounced(fieldset) {
    window.clearTimeout(fieldset._timer);
    fieldset._timer = window.setTimeout(function () { fieldset._timer = null; save(fieldset); }, 800);
  }

  // Send at once what still waits for the typing pause.
  function flush(fieldset) {
    if (!fieldset._timer) { return; }
    window.clearTimeout(fieldset._timer);
    fieldset._timer = null;
    save(fieldset);
  }

  function flushAll() { fieldsets.forEach(flush); }

  // What the page could not confirm as saved is also kept in the tab's sessionStorage: a reload can render before
  // the last save lands, and then puts the text back and saves it again (a save of equal content changes nothing).
  function stashKey(fieldset) { return "respond:" + url + ":" + keyOf(fieldset); }

  function stash(fieldset, body) {
    try { window.sessionStorage.setItem(stashKey(fieldset), JSON.stringify(body)); } catch (error) { /* private mode */ }
  }

  function unstash(fieldset) {
    var body = null;
    try {
      body = JSON.parse(window.sessionStorage.getItem(stashKey(fieldset)) || "null");
      window.sessionStorage.removeItem(stashKey(fieldset));
    } catch (error) { return; }
    // Only onto the revisions it was written over: any other means the server has something newer.
    if (!body || body.over.indexOf(Number(fieldset.dataset.revision)) < 0 || content(body) === fieldset._stored) {
      return;
    }
    showStored(fieldset, body);
    save(fieldset);
  }

  // Keep what the server has not confirmed, over the revision it has and the one a save on its way will make.
  function stashUnconfirmed() {
    fieldsets.forEach(function (fieldset) {
      var body = payload(fieldset);
      if (content(body) !== fieldset._stored) {
        stash(fieldset, Object.assign({ over: [body.revision, body.revision + 1] }, body));
      }
    });
  }

  // The page is going away and queued saves will never start: send what the server does not have yet, directly.
  // A save still on its way will have raised the revision by one when this one arrives after it.
  function sendBeforeLeaving() {
    if (locked || submitting) { return; }
    stashUnconfirmed();
    fieldsets.forEach(function (fieldset) {
      window.clearTimeout(fieldset._timer);
      fieldset._timer = null;
      var body = payload(fieldset);
      var sending = fieldset._sending;
      if (content(body) === (sending === null ? fieldset._stored : sending)) { return; }
      if (sending !== null && sending !== fieldset._stored) { body.revision += 1; }
      post(body).catch(function () {});
    });
  }

  function unsaved() {
    return pending > 0 || fieldsets.some(function (fieldset) { return fieldset._timer || fieldset._failed; });
  }

  // Enter inside the form would send it through its first button, "Previous": on a choice it picks the
  // choice instead, in a number field it goes forward as the main button does.
  form.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "Enter" || target.tagName !== "INPUT") { return; }
    event.preventDefault();
    if (target.type === "radio") {
      if (!target.checked) { target.checked = true; target.dispatchEvent(new Event("change", { bubbles: true })); }
    } else {
      form.requestSubmit(form.querySelector(".pager button:not(.secondary)"));
    }
  });

  fieldsets.forEach(function (fieldset) {
    fieldset._timer = null;
    fieldset._sending = null;
    fieldset._failed = false;
    fieldset._stored = content(payload(fieldset));
    fieldset.querySelectorAll("input[type=radio]").forEach(function (radio) {
      radio.addEventListener("change", function () { save(fieldset); });
    });
    fieldset.querySelectorAll("textarea, input[type=number]").forEach(function (input) {
      input.addEventListener("input", function () { debounced(fieldset); });
      input.addEventListener("change", function () { window.clearTimeout(fieldset._timer); fieldset._timer = null; save(fieldset); });
      input.addEventListener("blur", function () { flush(fieldset); });
    });
  });

  // Leaving the page waits for answers still on their way, so "Next" never races an autosave.
  form.addEventListener("submit", function (event) {
    flushAll();
    if (!pending) { submitting = true; return; }
    event.preventDefault();
    var submitter = event.submitter;
    var keys = Object.keys(queues);
    Promise.race([Promise.all(keys.map(function (key) { return queues[key]; })), wait(5000)]).then(function () {
      if (submitter && submitter.name) {
        var carried = document.createElement("input");
        carried.type = "hidden"; carried.name = submitter.name; carried.value = submitter.value;
        form.appendChild(carried);
      }
      pending = 0;
      submitting = true;
      HTMLFormElement.prototype.submit.call(form);
    });
  });

  // Leaving while a save is on its way or has failed: start what waits, and let the browser ask first.
  window.addEventListener("beforeunload", function (event) {
    if (locked || submitting) { return; }
    flushAll();
    stashUnconfirmed();
    if (unsaved()) { event.preventDefault(); event.returnValue = ""; }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && !locked && !submitting) {  // a phone may never come back
      flushAll();
      stashUnconfirmed();
    }
  });
  window.addEventListener("pagehide", sendBeforeLeaving);

  fieldsets.forEach(unstash);
  form.dataset.ready = "1";  // answers given from now on are saved as they are given

  // A page restored by the back button may show old answers: load it afresh.
  window.addEventListener("pageshow", function (event) { if (event.persisted) { window.location.reload(); } });
})();

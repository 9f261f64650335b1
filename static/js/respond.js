// Respondent pages: save each answer as soon as it is given, one request at a time per question,
// retrying while offline. Without this script the page still works: answers are saved on "Next".
(function () {
  "use strict";
  var form = document.querySelector("form.respond-form");
  if (!form || !window.fetch) { return; }
  var url = form.dataset.autosaveUrl;
  var statusLine = form.querySelector(".save-status");
  var queues = {};
  var pending = 0;
  var locked = false;

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

  function accept(fieldset, data) {
    fieldset.dataset.revision = data.revision;
    fieldset.querySelector("input[name^='r_']").value = data.revision;
    var note = fieldset.querySelector(".question-status");
    if (data.conflict) {
      showStored(fieldset, data);
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

  function send(fieldset, attempt) {
    if (locked) { return Promise.resolve(); }
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(payload(fieldset))
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (result) {
      if (result.status === 200 && result.data.ok) { accept(fieldset, result.data); return; }
      if (result.status === 409) { lock(result.data.message); return; }
      if (result.status === 400 || result.status === 422) {
        fieldset.classList.add("invalid");
        fieldset.querySelector(".question-status").textContent = result.data.message || "";
        return;
      }
      throw new Error("server " + result.status);
    }).catch(function () {
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
    fieldset._timer = window.setTimeout(function () { save(fieldset); }, 800);
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

  form.querySelectorAll("fieldset[data-question], fieldset[data-expectation]").forEach(function (fieldset) {
    fieldset.querySelectorAll("input[type=radio]").forEach(function (radio) {
      radio.addEventListener("change", function () { save(fieldset); });
    });
    fieldset.querySelectorAll("textarea, input[type=number]").forEach(function (input) {
      input.addEventListener("input", function () { debounced(fieldset); });
      input.addEventListener("change", function () { window.clearTimeout(fieldset._timer); save(fieldset); });
    });
  });

  // Leaving the page waits for answers still on their way, so "Next" never races an autosave.
  form.addEventListener("submit", function (event) {
    if (!pending) { return; }
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
      HTMLFormElement.prototype.submit.call(form);
    });
  });

  window.addEventListener("beforeunload", function (event) {
    if (pending) { event.preventDefault(); event.returnValue = ""; }
  });

  form.dataset.ready = "1";  // answers given from now on are saved as they are given

  // A page restored by the back button may show old answers: load it afresh.
  window.addEventListener("pageshow", function (event) { if (event.persisted) { window.location.reload(); } });
})();

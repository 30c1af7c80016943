// WIR-Portal: small progressive enhancements. Everything works without JavaScript.
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the error summary so screen reader users hear what went wrong.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
  // Send Django's CSRF token with every htmx request.
  document.body.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) { event.detail.headers["X-CSRFToken"] = token.value; }
  });
  document.querySelectorAll("form[data-autosave]").forEach(autosave);
  // On a phone the main navigation is one row that scrolls sideways: show the current page's item.
  var current = document.querySelector(".portal-nav__link[aria-current]");
  var row = current && current.closest(".portal-nav__list");
  if (row && row.scrollWidth > row.clientWidth) {
    row.scrollLeft = current.offsetLeft - (row.clientWidth - current.offsetWidth) / 2;
  }
});

// Autosave of a form (the draft editor): after every pause in typing and every change the whole
// form is posted to the form's own autosave address (data-autosave), never to the address of a
// focused button (htmx would take a focused button's formaction: a keyboard user tabbing across
// "Zeile entfernen" lost the row). One request at a time; what is typed meanwhile goes with the
// next one. A failed save (no connection, an error status, a login page) is announced at once in
// the status (#save-status, aria-live) and repeated with growing pauses until it succeeds; the
// input stays in the form. The state is in data-autosave-state: saved, pending, saving, failed,
// refused (the server refused for good, e.g. the application was submitted in another tab).
function autosave(form) {
  var url = form.getAttribute("data-autosave");
  var status = document.getElementById("save-status");
  var timer = null;
  var inFlight = false;
  var dirty = false;
  var failures = 0;
  var submitting = false;

  // the form's fields only: no submitter, so nobody's formaction and no button values
  function serialize() { return new URLSearchParams(new FormData(form)).toString(); }

  function setState(state) { form.setAttribute("data-autosave-state", state); }

  function showFailure(message) {
    if (!status) { return; }
    var alert = document.createElement("div");
    alert.className = "kern-alert kern-alert--danger";
    var body = document.createElement("div");
    body.className = "kern-alert__body";
    body.textContent = message;
    alert.appendChild(body);
    status.replaceChildren(alert);
    status.setAttribute("data-failed", "");
  }

  function schedule(delay) {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(function () { timer = null; save(); }, delay);
  }

  function changed(delay) {
    dirty = true;
    if (form.getAttribute("data-autosave-state") !== "failed") { setState("pending"); }
    if (failures === 0) { schedule(delay); }  // after a failure the retry timer decides
  }

  function apply(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var fresh = template.content.querySelector("#save-status");
    var refused = fresh !== null && fresh.hasAttribute("data-refused");
    if (fresh && status) {
      // keep the live region itself: only its content changes, so it is announced
      status.replaceChildren.apply(status, Array.from(fresh.childNodes));
      status.removeAttribute("data-failed");
    }
    template.content.querySelectorAll("[hx-swap-oob]").forEach(function (part) {
      var old = part.id && document.getElementById(part.id);
      part.removeAttribute("hx-swap-oob");
      if (old) { old.replaceWith(part); }
    });
    return refused;
  }

  function failed(message) {
    failures += 1;
    setState("failed");
    showFailure(message);
    dirty = true;
    // 1, 2, 4, 8, 16, 30, 30 … seconds
    schedule(Math.min(30000, 1000 * Math.pow(2, failures - 1)));
  }

  function save() {
    if (inFlight) { dirty = true; return; }
    var body = serialize();
    dirty = false;
    if (body === lastSaved && failures === 0) { setState("saved"); return; }  // nothing new
    inFlight = true;
    setState("saving");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    fetch(url, {
      method: "POST",
      body: new URLSearchParams(body),
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "", "HX-Request": "true" },
    }).then(function (response) {
      return response.text().then(function (text) { return { response: response, text: text }; });
    }).then(function (reply) {
      inFlight = false;
      var response = reply.response;
      if (response.redirected || (response.url && response.url.indexOf(url) === -1)) {
        failed(form.getAttribute("data-msg-logged-out"));
      } else if (!response.ok) {
        failed(form.getAttribute(response.status === 409 ? "data-msg-conflict" : "data-msg-failed"));
      } else {
        failures = 0;
        lastSaved = body;
        var refused = apply(reply.text);
        if (refused) {
          setState("refused");
        } else if (dirty) {
          setState("pending");
          schedule(0);
        } else {
          setState("saved");
        }
      }
    }, function () {
      inFlight = false;
      failed(form.getAttribute("data-msg-failed"));
    });
  }

  var lastSaved = serialize();
  setState("saved");
  form.addEventListener("input", function (event) {
    if (event.target.matches("input[type=text], input:not([type]), textarea")) { changed(800); }
  });
  form.addEventListener("change", function () { changed(100); });
  // Enter in a one-line field saves now; without JavaScript it would submit the form.
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("input:not([type=checkbox]):not([type=radio]):not([type=submit])")) {
      event.preventDefault();
      dirty = true;
      if (failures === 0) { schedule(0); }
    }
  });
  form.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("beforeunload", function (event) {
    var state = form.getAttribute("data-autosave-state");
    if (!submitting && state !== "saved" && state !== "refused") {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  // A row removed: the focus goes to the table's add button (not lost to the page's top).
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var rows = event.detail.elt.closest && event.detail.elt.closest("[data-rows]");
    if (rows && form.contains(rows) && event.detail.elt.matches("button")) {
      var region = rows.closest(".kern-table-responsive");
      var add = region && region.nextElementSibling && region.nextElementSibling.querySelector("button");
      if (add) { setTimeout(function () { add.focus(); }, 0); }
    }
  });
  // A row added with the keyboard: its first field gets the focus.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && target.matches("[data-rows]") && form.contains(target) && target.lastElementChild) {
      var first = target.lastElementChild.querySelector("select, input, textarea");
      if (first) { first.focus(); }
    }
  });
}

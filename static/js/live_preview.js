// Live preview: while the panel is open, the change form's fields are sent to
// the staff-only preview address a moment after typing stops, and the answer
// (the page as readers would see it, with its problems) is shown in the
// panel's frame. Nothing is saved. An answer that arrives after a newer one
// was asked for is dropped. Loaded in the head (the admin's form media), it
// waits for the page.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  const panel = document.getElementById("live-preview");
  const form = document.querySelector("#content-main form[id$='_form']");
  if (!panel || !form) {
    return;
  }
  const opener = document.querySelector("[aria-controls='live-preview']");
  const frame = panel.querySelector("iframe");
  const status = panel.querySelector(".live-preview-status");
  const PAUSE_MS = 600;
  let timer = null;
  let asked = 0;

  const fields = function () {
    const data = new FormData(form);
    for (const [name, value] of Array.from(data.entries())) {
      if (value instanceof File) {
        data.delete(name);
      }
    }
    return data;
  };

  const refresh = function () {
    const number = ++asked;
    const data = fields();
    status.textContent = "Updating…";
    fetch(panel.dataset.url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": data.get("csrfmiddlewaretoken") || "" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("the server answered " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        if (number === asked) {
          frame.srcdoc = html;
          status.textContent = "Up to date.";
        }
      })
      .catch(function (error) {
        if (number === asked) {
          status.textContent = "Could not update the preview (" + error.message + ").";
        }
      });
  };

  const soon = function (event) {
    if (panel.hidden || (event.target.form !== form && event.target !== form)) {
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(refresh, PAUSE_MS);
  };

  const show = function (open) {
    panel.hidden = !open;
    document.body.classList.toggle("live-preview-shown", open);
    opener.setAttribute("aria-expanded", String(open));
    if (open) {
      refresh();
    }
  };

  opener.addEventListener("click", function () {
    show(panel.hidden);
  });
  panel.querySelector("[data-live-preview-close]").addEventListener("click", function () {
    show(false);
    opener.focus();
  });
  document.addEventListener("input", soon);
  document.addEventListener("change", soon);
});

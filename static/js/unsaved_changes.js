// Warn before leaving a change form with unsaved edits: following a link,
// closing the tab, or sending another form (a comment, "Mark resolved").
// Sending the change form itself (Save, or a workflow button, which saves
// first) never warns. Fields outside the form that belong to it (form="…")
// count as its own. Loaded in the head (the admin's form media), it waits
// for the page.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  const form = document.querySelector("#content-main form[id$='_form']");
  if (!form) {
    return;
  }
  let unsaved = false;
  const mark = function (event) {
    if (event.target.form === form) {
      unsaved = true;
    }
  };
  document.addEventListener("input", mark);
  document.addEventListener("change", mark);
  form.addEventListener("submit", function () {
    unsaved = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (unsaved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
});

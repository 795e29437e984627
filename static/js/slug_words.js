// Slugs typed for you from a title (the admin's prepopulated fields) keep
// words apart across a slash: "lymphohistiocytosis/macrophage" gives
// "lymphohistiocytosis-macrophage", as conditions/slugs.py does on the server.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  const urlify = window.URLify;
  if (typeof urlify !== "function") {
    return;
  }
  window.URLify = function (text, length, allowUnicode) {
    return urlify(String(text).replace(/[\/\\]+/g, " "), length, allowUnicode);
  };
});

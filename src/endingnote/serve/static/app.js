// endingnote serve: a few lines of plain JavaScript, none of which the pages need to work.
// A form that sends files says so while it waits (and cannot be sent twice); a drop zone shows
// when files are dragged over it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var status = document.getElementById("status");
  document.querySelectorAll("form.upload").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      if (button) {
        window.setTimeout(function () { button.disabled = true; }, 0);
      }
      if (status && form.dataset.busy) {
        status.textContent = form.dataset.busy;
      }
    });
  });
  document.querySelectorAll(".drop").forEach(function (zone) {
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("over"); });
    });
  });
});

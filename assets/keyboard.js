// Esc closes an open Embed / Download pop-up and returns focus to its button (WAI-ARIA disclosure pattern).
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") return;
  document.querySelectorAll("details.share[open]").forEach(function (details) {
    details.removeAttribute("open");
    var summary = details.querySelector("summary");
    if (summary) summary.focus();
  });
});

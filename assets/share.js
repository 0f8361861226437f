// Share pop-ups: Esc closes an open Embed / Download pop-up and returns focus to its button (WAI-ARIA disclosure
// pattern). It closes it by a click on its button, as the user would: the server counts those clicks to know
// whether the pop-up is open (and sends its contents only then).
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") return;
  document.querySelectorAll("details.share[open]").forEach(function (details) {
    var summary = details.querySelector("summary");
    if (summary) { summary.click(); summary.focus(); } else details.removeAttribute("open");
  });
});

// "Copy the code": the embed code to the clipboard (falling back to selecting it where the clipboard API
// is not allowed, e.g. over plain http on another host), and a moment of "copied" on the button.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest(".copy-embed");
  if (!button) return;
  var area = button.closest(".popover").querySelector("textarea");
  if (!area) return;
  var done = function () {
    var label = button.textContent;
    button.textContent = button.getAttribute("data-copied") || label;
    setTimeout(function () { button.textContent = label; }, 1500);
  };
  area.select();
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(area.value).then(done, function () { document.execCommand("copy"); done(); });
  } else {
    document.execCommand("copy");
    done();
  }
});

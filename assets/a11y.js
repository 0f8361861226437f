// Dash's dropdown makes an invisible relay its tab stop (<input class="dash-dropdown-focus-target"
// aria-hidden="true" tabindex="0">, which hands focus on to the dropdown's button, tabindex="-1"). A
// focusable element inside aria-hidden is announced as nothing by screen readers (Lighthouse flags it).
// Make the button itself the tab stop and take the relay out of the tab order; the button keeps its own
// keys (Enter / ArrowDown open the menu). Views are rendered by callbacks, and Dash resets the relay on
// blur, so watch the page.
(function () {
  function tabStops(root) {
    if (!root.querySelectorAll) return;
    root.querySelectorAll(".dash-dropdown-wrapper").forEach(function (wrapper) {
      var relay = wrapper.querySelector(":scope > .dash-dropdown-focus-target");
      var button = wrapper.querySelector(":scope > button.dash-dropdown");
      if (!relay || !button) return;
      if (relay.tabIndex !== -1) relay.tabIndex = -1;
      if (!button.disabled && button.tabIndex !== 0) button.tabIndex = 0;
    });
  }
  // DataTable's pager buttons are arrows with no name: name them in the page's language.
  var PAGER = {
    zh: { "first-page": "第一页", "previous-page": "上一页", "next-page": "下一页", "last-page": "最后一页" },
    en: { "first-page": "First page", "previous-page": "Previous page", "next-page": "Next page", "last-page": "Last page" }
  };
  function pagerNames(root) {
    if (!root.querySelectorAll) return;
    root.querySelectorAll(".previous-next-container button").forEach(function (button) {
      var page = button.closest("[lang]");
      var names = PAGER[page ? page.getAttribute("lang").slice(0, 2) : "zh"] || PAGER.zh;
      var name = names[button.className.split(" ")[0]];
      if (name && button.getAttribute("aria-label") !== name) button.setAttribute("aria-label", name);
    });
  }
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      tabStops(change.target.parentNode || document);
      pagerNames(change.target.parentNode || document);
    });
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["tabindex"] });
  tabStops(document);
  pagerNames(document);
})();

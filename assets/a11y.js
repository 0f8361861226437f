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
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      tabStops(change.target.parentNode || document);
    });
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["tabindex"] });
  tabStops(document);
})();

// The printable hot spot page's Print button (no inline handlers: the CSP forbids them).
(function () {
  "use strict";
  var button = document.getElementById("print-button");
  if (button) { button.addEventListener("click", function () { window.print(); }); }
}());

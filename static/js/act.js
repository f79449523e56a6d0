// act.js: what a legal act's page adds with JavaScript, the page working
// without it (layouts/decisions.html, layouts/parallel.html).
//
// - The table of contents marks the part being read (aria-current="true"
//   on its link, kept in view in the sticky contents of wide screens),
//   from an IntersectionObserver over the parts it links to.
// - A link to the contents (the bar of phones) opens them, as Chromium
//   does by itself for a fragment inside a closed <details>.
(function () {
  "use strict";
  var toc = document.querySelector(".act-toc, .parallel-toc");
  if (!toc) return;

  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest('a[href="#toc-list"]');
    var details = toc.querySelector("details");
    if (a && details) details.open = true;
  });

  if (!("IntersectionObserver" in window)) return;
  var links = Array.prototype.slice.call(toc.querySelectorAll('a[href^="#"]'));
  var targets = [];
  links.forEach(function (a) {
    var el = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
    if (el) targets.push({ el: el, link: a });
  });
  if (!targets.length) return;

  var current = null;
  function mark() {
    // The current part: the last one whose top has passed the top third
    // of the window, among those in document order.
    var pick = null;
    for (var i = 0; i < targets.length; i++) {
      if (targets[i].el.getBoundingClientRect().top <= window.innerHeight / 3) pick = targets[i];
      else break;
    }
    if (!pick) pick = targets[0];
    if (pick.link === current) return;
    if (current) current.removeAttribute("aria-current");
    current = pick.link;
    current.setAttribute("aria-current", "true");
    // Keep the link in view inside the sticky contents (wide screens only:
    // on phones the contents are a collapsed panel at the top).
    if (getComputedStyle(toc).position === "sticky") {
      var box = toc.getBoundingClientRect(), at = current.getBoundingClientRect();
      if (at.top < box.top || at.bottom > box.bottom) {
        toc.scrollTop += at.top - box.top - box.height / 3;
      }
    }
  }
  // A part crossing the top third of the window changes the current one.
  var observer = new IntersectionObserver(mark, { rootMargin: "0px 0px -66% 0px" });
  targets.forEach(function (t) { observer.observe(t.el); });
  mark();
})();

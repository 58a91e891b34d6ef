// "Copy link" for the share links (includes/share_links.html): shown only where the
// clipboard can be used; without it the page shows the link itself.
(function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll("[data-copy-url]").forEach(function (button) {
    var item = button.closest("li");
    var fallback = item.querySelector(".copy-fallback");
    var status = item.querySelector(".copy-status");
    button.hidden = false;
    if (fallback) fallback.hidden = true;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.dataset.copyUrl).then(function () {
        status.textContent = status.dataset.copied;
      });
    });
  });
})();

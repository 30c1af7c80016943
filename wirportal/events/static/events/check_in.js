// Check-in by keyboard (issue #12): after a person is checked in (or undone) the focus goes back
// to the search field, its text selected, so the next name can be typed at once; without this it
// fell to the page body when the row was replaced.
document.addEventListener("DOMContentLoaded", function () {
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || !target.id || target.id.indexOf("checkin-") !== 0) { return; }
    var search = document.querySelector(".events-checkin-search input[name=q]");
    if (search) { search.focus(); search.select(); }
  });
});

/* Moves the «I dag» mark on campaign pages to the reader's today (Europe/Oslo).
   The page is built with the build day marked; this only corrects it when the page is
   read on a later (or earlier) day. Without JavaScript the build day's mark stays. */
(function () {
  "use strict";
  var today;
  try {
    var parts = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/Oslo", year: "numeric", month: "2-digit", day: "2-digit"
    }).formatToParts(new Date());
    var pick = function (type) {
      for (var i = 0; i < parts.length; i++) { if (parts[i].type === type) { return parts[i].value; } }
      return "";
    };
    today = pick("year") + "-" + pick("month") + "-" + pick("day");
  } catch (e) {
    return;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) { return; }

  var days = document.querySelectorAll("[data-campaign-days] [data-date]");
  Array.prototype.forEach.call(days, function (item) {
    var isToday = item.getAttribute("data-date") === today;
    var link = item.querySelector("a");
    var badge = item.querySelector(".campaign-day__badge");
    item.classList.toggle("campaign-day--today", isToday);
    if (link) {
      if (isToday) { link.setAttribute("aria-current", "date"); } else { link.removeAttribute("aria-current"); }
    }
    if (badge) { badge.hidden = !isToday; }
  });

  var running = document.querySelectorAll("[data-campaign-running]");
  Array.prototype.forEach.call(running, function (note) {
    note.hidden = !(note.getAttribute("data-start") <= today && today <= note.getAttribute("data-end"));
  });

  var boxes = document.querySelectorAll("[data-campaign-today]");
  Array.prototype.forEach.call(boxes, function (box) {
    box.hidden = box.getAttribute("data-date") !== today;
  });
})();

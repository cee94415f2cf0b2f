// Live handover list: refreshes the queue table every few seconds without reloading the
// page, with the waiting time, and announces new requests in a polite live region.
// Only textContent is used: sender ids and labels are shown as text, never as markup.
(function () {
  "use strict";
  var body = document.getElementById("handover-rows");
  if (!body) return;
  var note = document.getElementById("handover-live-note");
  var wanted = body.getAttribute("data-wanted") || "";
  var every = Number(body.getAttribute("data-poll-ms")) || 5000;
  var known = null;

  function cell(text, label) {
    var td = document.createElement("td");
    td.textContent = text == null || text === "" ? "-" : String(text);
    if (label) td.setAttribute("data-label", label);
    return td;
  }

  function row(item) {
    var tr = document.createElement("tr");
    tr.setAttribute("data-sender", item.sender_id);
    tr.appendChild(cell(item.waiting, "Wacht"));
    var link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.link_text;
    var hidden = document.createElement("span");
    hidden.className = "sr";
    hidden.textContent = " (" + item.status_label + ")";
    link.appendChild(hidden);
    var td = cell("", "Gesprek");
    td.textContent = "";
    td.appendChild(link);
    tr.appendChild(td);
    tr.appendChild(cell(item.status_label, "Status"));
    tr.appendChild(cell(item.held_by ? "overgenomen door " + item.held_by : item.assigned_to, "Adviseur"));
    tr.appendChild(cell(item.consent ? "ja" : item.consent === false ? "nee" : "onbekend", "Toestemming"));
    tr.appendChild(cell(item.has_contact ? "opgegeven" : "-", "Contactwens"));
    tr.appendChild(cell(item.channel, "Kanaal"));
    tr.appendChild(cell(item.region_label, "Provincie"));
    tr.appendChild(cell(item.sector_label, "Sector"));
    tr.appendChild(cell(item.campaign, "Campagne"));
    return tr;
  }

  function render(items) {
    var ids = items.map(function (i) { return i.sender_id; });
    var fresh = known ? ids.filter(function (id) { return known.indexOf(id) < 0; }) : [];
    known = ids;
    while (body.firstChild) body.removeChild(body.firstChild);
    if (!items.length) {
      var empty = document.createElement("tr");
      var td = cell("Geen overdrachten.");
      td.colSpan = 10;
      empty.appendChild(td);
      body.appendChild(empty);
    }
    items.forEach(function (item) { body.appendChild(row(item)); });
    if (fresh.length && note) {
      note.textContent = fresh.length === 1 ? "Er is een nieuwe overdracht." :
        "Er zijn " + fresh.length + " nieuwe overdrachten.";
    }
  }

  function poll() {
    fetch("/console/api/handovers" + (wanted ? "?status=" + encodeURIComponent(wanted) : ""),
      { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) render(data.items); })
      .catch(function () { /* offline for a moment: the next round tries again */ })
      .then(function () { setTimeout(poll, every); });
  }

  poll();
})();

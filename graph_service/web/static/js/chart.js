// The link chart (graph_service/web/chart.py), drawn with the vendored cytoscape.js and its
// built-in cose layout. Data comes from /api/v1/chart as JSON (never written into script
// text); every piece of intake text reaches the page through textContent or cytoscape's
// canvas labels, never as markup.
(function () {
  "use strict";
  var container = document.getElementById("chart");
  if (!container || typeof cytoscape !== "function") { return; }
  // cytoscape adds a <style> element unless one with this ID exists; the CSP refuses inline
  // styles, so mark it present: dashboard.css carries the rule it would add.
  if (!document.getElementById("__________cytoscape_stylesheet")) {
    var marker = document.createElement("meta");
    marker.id = "__________cytoscape_stylesheet";
    document.head.appendChild(marker);
  }
  var apiUrl = container.getAttribute("data-api-url");
  var query = new URLSearchParams(container.getAttribute("data-query") || "");
  var status = document.getElementById("chart-status");
  var selectionBody = document.getElementById("chart-selection-body");
  var selectionEmpty = document.getElementById("chart-selection-empty");
  var expandControls = document.getElementById("chart-expand-controls");
  var expandButton = document.getElementById("chart-expand");
  var expandHops = document.getElementById("chart-expand-hops");
  var replay = document.getElementById("chart-replay");
  var replayPlay = document.getElementById("chart-replay-play");
  var replayMonth = document.getElementById("chart-replay-month");
  var replayLabel = document.getElementById("chart-replay-label");
  var months = [];    // "YYYY-MM" from the first dated tie to the last, for the replay
  var playing = null;
  var tableBody = document.querySelector("#chart-ties tbody");
  var nodes = {};   // key -> node data from the API
  var edges = {};   // "a|b" -> edge data
  var selected = null;

  var cy = cytoscape({
    container: container,
    minZoom: 0.1,
    maxZoom: 1.5,
    style: [
      { selector: "node", style: {
        "label": "data(label)", "font-size": 11, "color": "#0b0c0c", "text-valign": "bottom", "text-margin-y": 3,
        "background-color": "#1d70b8", "width": 20, "height": 20, "text-max-width": 120, "text-wrap": "ellipsis",
        "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 1
      } },
      { selector: "node[kind = 'vehicle']", style: { "shape": "round-rectangle", "background-color": "#505a5f" } },
      { selector: "node[kind = 'location']", style: { "shape": "triangle", "background-color": "#00703c" } },
      { selector: "node[kind = 'phone']", style: { "shape": "hexagon", "background-color": "#1d70b8" } },
      { selector: "node[kind = 'online_account']", style: { "shape": "octagon", "background-color": "#4c2c92" } },
      { selector: "node[child = 'yes']", style: { "shape": "diamond", "background-color": "#d4351c", "width": 24, "height": 24 } },
      { selector: "node[handling = 'C']", style: { "border-width": 3, "border-color": "#912b88" } },
      { selector: "node:selected", style: { "border-width": 5, "border-color": "#ffdd00" } },
      { selector: "edge", style: { "width": 2, "line-color": "#6f777b", "curve-style": "haystack" } },
      { selector: "edge[style = 'dashed']", style: { "line-style": "dashed" } },
      { selector: "edge[style = 'dotted']", style: { "line-style": "dotted", "width": 1.5 } },
      { selector: "edge[handling = 'C']", style: { "line-color": "#912b88" } },
      { selector: "edge:selected", style: { "line-color": "#ffdd00", "width": 4 } },
      { selector: ".later", style: { "display": "none" } }
    ]
  });

  function text(tag, content) {
    var element = document.createElement(tag);
    element.textContent = content;
    return element;
  }

  function nodeLabel(n) {
    return (n.label || n.id) + (n.child ? " (child)" : "");
  }

  function load(extra, then) {
    var params = new URLSearchParams(query.toString());
    if (extra) {
      params.delete("network");
      params.delete("start");
      params.delete("hops");
      Object.keys(nodes).forEach(function (key) { params.append("start", key); });
      params.append("expand", extra);
      params.append("hops", expandHops.value);
    }
    status.textContent = "Loading the chart…";
    var started = performance.now();
    fetch(apiUrl + "?" + params.toString(), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          return response.json().then(function (body) { throw new Error(body.message || response.statusText); },
                                      function () { throw new Error(response.statusText); });
        }
        return response.json();
      })
      .then(function (data) { draw(data, started); if (then) { then(data); } })
      .catch(function (problem) { status.textContent = "The chart could not be loaded: " + problem.message; });
  }

  function draw(data, started) {
    var fresh = [];
    data.nodes.forEach(function (n) {
      if (!nodes[n.key]) {
        fresh.push({ group: "nodes", data: { id: n.key, label: nodeLabel(n), kind: n.kind,
                                             child: n.child ? "yes" : "no", handling: n.handling_c ? "C" : "P" } });
      }
      nodes[n.key] = n;
    });
    data.edges.forEach(function (e) {
      var key = e.source + "|" + e.target;
      if (!edges[key]) {
        fresh.push({ group: "edges", data: { id: "e:" + key, source: e.source, target: e.target, style: e.style,
                                             handling: e.handling_code === "C" ? "C" : "P" } });
      } else {
        cy.getElementById("e:" + key).data({ style: e.style, handling: e.handling_code === "C" ? "C" : "P" });
      }
      edges[key] = e;
    });
    cy.add(fresh);
    // cose spreads a dense chart out when nodes repel strongly and edges are long; 200
    // entities stay apart enough for their labels at a readable zoom.
    var layout = cy.layout({ name: "cose", animate: false, randomize: false, nodeRepulsion: function () { return 60000; },
                             idealEdgeLength: function () { return 120; }, edgeElasticity: function () { return 60; },
                             gravity: 0.3, numIter: 1500, padding: 20, componentSpacing: 80, nodeOverlap: 20 });
    layout.run();
    cy.fit(undefined, 20);
    table();
    prepareReplay();
    var took = Math.round(performance.now() - started);
    status.textContent = cy.nodes().length + " entities, " + cy.edges().length + " ties (drawn in " + took + " ms)." +
      (data.truncated ? " " + data.left_out + " more did not fit: a chart holds at most " + data.limit +
                        " entities; narrow the filters." : "");
    container.setAttribute("data-drawn", String(cy.nodes().length));
    container.setAttribute("data-draw-ms", String(took));
  }

  function table() {
    while (tableBody.firstChild) { tableBody.removeChild(tableBody.firstChild); }
    Object.keys(edges).sort().forEach(function (key) {
      var e = edges[key];
      var row = document.createElement("tr");
      row.setAttribute("data-tie", key);
      row.appendChild(text("td", nodeLabel(nodes[e.source] || { id: e.source })));
      row.appendChild(text("td", nodeLabel(nodes[e.target] || { id: e.target })));
      row.appendChild(text("td", e.relations_text.join("; ")));
      row.appendChild(text("td", e.grade));
      row.appendChild(text("td", String(e.count)));
      row.appendChild(text("td", (e.first_observed || "undated") + (e.last_observed && e.last_observed !== e.first_observed ? " to " + e.last_observed : "")));
      row.appendChild(text("td", e.handling_code === "C" ? "C: " + (e.handling_conditions.join(" / ") || "conditions not recorded") : (e.handling_code || "")));
      tableBody.appendChild(row);
    });
  }

  // The replay: the chart as it was known at the end of each month, from the month of the
  // first dated tie to the last. A tie shows from the month of its earliest item; an entity
  // shows once one of its ties does (or always, when it has none); undated ties always show.
  function monthOf(day) { return day ? day.slice(0, 7) : null; }

  function prepareReplay() {
    stopReplay();
    var dated = Object.keys(edges).map(function (key) { return monthOf(edges[key].first_observed); })
      .filter(Boolean).sort();
    months = [];
    if (dated.length) {
      var year = Number(dated[0].slice(0, 4)), month = Number(dated[0].slice(5, 7));
      var last = dated[dated.length - 1];
      for (;;) {
        var label = year + "-" + (month < 10 ? "0" : "") + month;
        months.push(label);
        if (label >= last) { break; }
        month += 1;
        if (month > 12) { month = 1; year += 1; }
      }
    }
    replay.hidden = months.length < 2;
    replayMonth.max = String(Math.max(months.length - 1, 0));
    replayMonth.value = replayMonth.max;
    showUpTo(months.length - 1);
  }

  function showUpTo(index) {
    var cutoff = months[index];
    var shown = 0;
    cy.batch(function () {
      cy.edges().forEach(function (element) {
        var e = edges[element.id().slice(2)];
        var first = monthOf(e.first_observed);
        var later = Boolean(cutoff && first && first > cutoff);
        element.toggleClass("later", later);
        var row = tableBody.querySelector('tr[data-tie="' + CSS.escape(element.id().slice(2)) + '"]');
        if (row) { row.hidden = later; }
      });
      cy.nodes().forEach(function (element) {
        var ties = element.connectedEdges();
        var later = ties.length > 0 && ties.every(function (edge) { return edge.hasClass("later"); });
        element.toggleClass("later", later);
        if (!later) { shown += 1; }
      });
    });
    replayLabel.textContent = cutoff ? "the end of " + cutoff + ": " + shown + " of " + cy.nodes().length + " entities" : "";
    container.setAttribute("data-replay-month", cutoff || "");
    container.setAttribute("data-shown", String(shown));
  }

  function stopReplay() {
    if (playing !== null) { window.clearInterval(playing); playing = null; }
    replayPlay.textContent = "Replay month by month";
  }

  replayMonth.addEventListener("input", function () { stopReplay(); showUpTo(Number(replayMonth.value)); });
  replayPlay.addEventListener("click", function () {
    if (playing !== null) { stopReplay(); return; }
    var index = Number(replayMonth.value) >= months.length - 1 ? 0 : Number(replayMonth.value);
    replayPlay.textContent = "Pause";
    replayMonth.value = String(index);
    showUpTo(index);
    playing = window.setInterval(function () {
      index += 1;
      replayMonth.value = String(index);
      showUpTo(index);
      if (index >= months.length - 1) { stopReplay(); }
    }, 900);
  });

  function evidenceList(edge) {
    var list = document.createElement("ul");
    edge.evidence.forEach(function (item) {
      var line = item.kind.replace("_", " ") + " " + item.id + ": " + item.relation_text + ", " + item.grade +
        (item.kind === "link" && !item.graded ? " (ungraded)"
          : (item.kind === "sighting" || item.kind === "missing_episode" ? " (recorded)" : "")) +
        ", " + (item.observed_on || "undated") + (item.intel_id ? "; report " + item.intel_id : "") +
        (item.summary && item.intel_id ? ": " + item.summary : "");
      var entry = text("li", line);
      if (item.handling_code === "C") {
        entry.appendChild(text("div", "Handling code C: " + (item.handling_conditions || "conditions not recorded: ask the intelligence owner before sharing")));
        entry.lastChild.className = "conditions";
      }
      list.appendChild(entry);
    });
    return list;
  }

  function show(element) {
    while (selectionBody.firstChild) { selectionBody.removeChild(selectionBody.firstChild); }
    selectionEmpty.hidden = true;
    if (element.isNode()) {
      var n = nodes[element.id()];
      selected = n.key;
      selectionBody.appendChild(text("h3", nodeLabel(n)));
      selectionBody.appendChild(text("p", n.kind + " " + n.id + (n.category ? ", " + n.category.replace(/_/g, " ") : "") +
                                          (n.child ? "; a child at risk" : "")));
      element.connectedEdges().forEach(function (edgeElement) {
        var e = edges[edgeElement.id().slice(2)];
        var other = nodes[e.source === n.key ? e.target : e.source];
        selectionBody.appendChild(text("h4", "With " + nodeLabel(other) + " (strongest " + e.grade + ")"));
        selectionBody.appendChild(evidenceList(e));
      });
      expandControls.hidden = false;
    } else {
      var edge = edges[element.id().slice(2)];
      selected = null;
      selectionBody.appendChild(text("h3", nodeLabel(nodes[edge.source]) + " – " + nodeLabel(nodes[edge.target])));
      selectionBody.appendChild(text("p", edge.relations_text.join("; ") + "; strongest grade " + edge.grade));
      selectionBody.appendChild(evidenceList(edge));
      expandControls.hidden = true;
    }
  }

  cy.on("tap", "node, edge", function (event) { show(event.target); });
  expandButton.addEventListener("click", function () {
    if (selected) { load(selected); }
  });
  var saveForm = document.getElementById("chart-save");
  if (saveForm) {
    saveForm.addEventListener("submit", function () {
      // What is drawn now, expansions included, is what the investigation keeps.
      document.getElementById("chart-save-entities").value = Object.keys(nodes).join("\n");
    });
  }
  var exportForm = document.getElementById("chart-export");
  if (exportForm) {
    exportForm.addEventListener("submit", function () {
      // The download is of what is drawn now, expansions included.
      document.getElementById("chart-export-entities").value = Object.keys(nodes).join("\n");
    });
  }
  window.linkChart = cy;  // for the browser tests and for analysts' own console use
  load(null);
}());

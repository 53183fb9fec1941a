// Draws the associate network on the person page with the vendored cytoscape.js.
// Data: the JSON in #network-data (the same as /api/v1/people/<id>/network).
(function () {
  "use strict";
  var container = document.getElementById("network");
  var source = document.getElementById("network-data");
  if (!container || !source || typeof cytoscape !== "function") { return; }
  var data = JSON.parse(source.textContent);
  // cytoscape adds a <style> element unless one with this ID exists; the CSP refuses inline
  // styles, so mark it present: dashboard.css carries the rule it would add.
  if (!document.getElementById("__________cytoscape_stylesheet")) {
    var marker = document.createElement("meta");
    marker.id = "__________cytoscape_stylesheet";
    document.head.appendChild(marker);
  }
  var personUrl = container.getAttribute("data-person-url") || "/people/";

  var elements = [];
  data.nodes.forEach(function (n) {
    elements.push({ group: "nodes", data: {
      id: n.person_id,
      label: (n.name || n.person_id) + (n.age !== null ? " (" + n.age + ")" : ""),
      kind: n.child ? "child" : "adult",
      focus: n.focus ? "yes" : "no"
    } });
  });
  // A dense network's grades, drawn on every tie, covered its names: past 30 ties they are left
  // to the ties table below the drawing, and the ties drawn thinner.
  var crowded = data.edges.length > 30;
  data.edges.forEach(function (e, i) {
    elements.push({ group: "edges", data: {
      id: "tie" + i, source: e.source, target: e.target,
      width: 1 + (crowded ? 2 : 5) * (e.weight || 0), label: crowded ? "" : (e.grade || "")
    } });
  });

  var cy = cytoscape({
    container: container,
    elements: elements,
    // Spread as the link chart spreads its entities (chart.js): with cose's weak default
    // repulsion twenty people were drawn in the middle third of the box, names over names.
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: function () { return 60000; },
              idealEdgeLength: function () { return 120; }, edgeElasticity: function () { return 60; },
              gravity: 0.3, numIter: 1500, padding: 20, componentSpacing: 80, nodeOverlap: 20 },
    maxZoom: 1.5,
    style: [
      { selector: "node", style: {
        "label": "data(label)", "font-size": 12, "color": "#0b0c0c", "text-valign": "bottom",
        "text-margin-y": 4, "background-color": "#1d70b8", "width": 22, "height": 22,
        "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 2
      } },
      { selector: "node[kind = 'child']", style: { "background-color": "#d4351c", "shape": "diamond" } },
      { selector: "node[focus = 'yes']", style: { "border-width": 4, "border-color": "#0b0c0c", "width": 30, "height": 30 } },
      { selector: "edge", style: {
        "width": "data(width)", "line-color": "#505a5f", "curve-style": "bezier",
        "label": "data(label)", "font-size": 10, "color": "#0b0c0c",
        "text-background-color": "#ffffff", "text-background-opacity": 0.85
      } }
    ]
  });
  cy.on("tap", "node", function (event) {
    var id = event.target.id();
    if (id !== data.person_id) { window.location.href = personUrl + encodeURIComponent(id); }
  });
  container.setAttribute("data-drawn", String(cy.nodes().length));
  window.personNetwork = cy;  // for the browser tests and for analysts' own console use
}());

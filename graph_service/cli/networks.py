"""``graph-service networks detect|list|show``: exploitation networks in the association graph."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
import networkx as nx

from graph_service import settings as service_settings
from graph_service.analysis.communities import (
    DEFAULT_OBJECTIVE,
    DEFAULT_RESOLUTION,
    METHODS,
    OBJECTIVES,
    check_parameters,
    choose_method,
    detect_networks,
)
from graph_service.analysis.edgelist import EdgeListError, read_edgelist, read_edgelist_igraph
from graph_service.analysis.networks import list_networks, network_detail, run_networks
from graph_service.cli.auditing import parameters, record, require_intact
from graph_service.cli.output import echo_json, echo_table
from graph_service.db import connect
from graph_service.db.access import memory_refusal

#: Problems of a bad edge list printed before "... and N more".
SHOW_PROBLEMS = 20
#: Networks of concern `networks detect` prints (`networks list` has them all).
SHOW_NETWORKS = 20


def _positive(ctx, param, value: float | None) -> float | None:
    if value is not None and not value > 0:
        raise click.BadParameter(f"{value} is not a positive number", ctx=ctx, param=param)
    return value


@click.group("networks")
def command() -> None:
    """Find exploitation networks in the association graph; list them; show one."""


@command.command()
@click.option("--method", type=click.Choice(METHODS), default="auto", show_default=True,
              help="louvain (NetworkX), leiden (igraph, for large graphs), or auto: by size.")
@click.option("--objective", type=click.Choice(OBJECTIVES),
              help=f"What detection maximises: cpm (leiden) finds tight groups, modularity the broad structure. "
                   f"Default {DEFAULT_OBJECTIVE} on stored intelligence; modularity on an --edgelist, whose "
                   "weights may be on any scale.")
@click.option("--resolution", type=float, callback=_positive,
              help="Higher: more, smaller networks; lower: fewer, larger ones. Default "
                   f"{DEFAULT_RESOLUTION['cpm']} (cpm), {DEFAULT_RESOLUTION['modularity']} (modularity).")
@click.option("--seed", type=int, default=42, show_default=True, help="Seed of the random choices (repeatable runs).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Weigh the evidence as of this date (YYYY-MM-DD; default today).")
@click.option("--edgelist", type=click.Path(path_type=Path, dir_okay=False),
              help="Detect communities in your own CSV edge list (source,target[,weight]) instead; "
                   "touches no database.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as a JSON object.")
def detect(method: str, objective: str, resolution: float | None, seed: int, as_of, edgelist: Path | None,
           as_json: bool) -> None:
    """Find the networks in the stored intelligence and store them (IDs kept from the last
    run), or the communities of an edge list with --edgelist."""
    # A CPM resolution is a tie weight per pair, meaningful for the grading table's 0-1 weights
    # but not for an edge list's own scale, where modularity (scale-free) is the default.
    objective = objective or ("modularity" if edgelist is not None else DEFAULT_OBJECTIVE)
    try:
        check_parameters(method, objective, resolution)
    except ValueError as problem:
        raise click.UsageError(str(problem)) from None
    if edgelist is not None:
        if as_of is not None:
            raise click.UsageError("--as-of weighs stored evidence; it has no meaning with --edgelist")
        _detect_edgelist(edgelist, method, objective, resolution, seed, as_json)
        return
    settings = service_settings.load()
    require_intact(settings)  # no change to the stored networks while the log fails
    with connect(settings) as db:
        try:
            run = run_networks(db, method=method, objective=objective, resolution=resolution, seed=seed,
                               as_of=as_of.date() if as_of else date.today(), publish_batch=settings.publish_batch)
        except Exception as problem:
            _explain_refusal(problem)
            raise
    result = run.result
    _audit(settings, "networks.detect", [m for members in result.networks.values() for m in members],
           detail=parameters(run=run.run_id, method=method, objective=objective, resolution=resolution, seed=seed,
                             as_of=run.as_of, json=as_json))
    networks = [
        {"network_id": network_id, "rank": result.concern_rank.get(network_id),
         "reasons": list(result.concern[network_id].reasons), "concern_score": result.concern[network_id].score,
         "size": len(result.networks[network_id]), "members": result.members(network_id),
         "children_at_risk": result.concern[network_id].children,
         "key_players": [{"person_id": kp.node, "reasons": list(kp.reasons)}
                         for kp in result.key_players[network_id]]}
        for network_id in result.by_concern()
    ]
    partition = result.partition
    if as_json:
        echo_json({
            "run_id": run.run_id, "ran_at": run.ran_at, "as_of": run.as_of, "method": partition.method,
            "objective": partition.objective, "resolution": partition.resolution, "seed": partition.seed,
            "modularity": partition.modularity, "seconds": partition.seconds, "projection_seconds": run.projection_seconds,
            "people": result.graph.number_of_nodes(), "ties": result.graph.number_of_edges(),
            "communities": [sorted(c) for c in partition.communities], "networks": networks,
            "written": run.written,
        })
        return
    click.echo(
        f"{result.graph.number_of_nodes()} people, {result.graph.number_of_edges()} ties (evidence as of "
        f"{run.as_of}): {len(networks)} networks; modularity {_number(partition.modularity)} "
        f"({partition.method}, {partition.objective} at resolution {partition.resolution}, {partition.seconds:.2f} s)"
    )
    of_concern = [n for n in networks if n["rank"] is not None]
    click.echo(f"{len(of_concern)} of concern, most concern first:")
    echo_table([
        {"rank": n["rank"], "network": n["network_id"], "size": n["size"], "children_at_risk": n["children_at_risk"],
         "why": "; ".join(n["reasons"]), "key_players": ", ".join(kp["person_id"] for kp in n["key_players"][:3])}
        for n in of_concern[:SHOW_NETWORKS]
    ])
    if len(of_concern) > SHOW_NETWORKS:
        click.echo(f"... and {len(of_concern) - SHOW_NETWORKS} more of concern: `graph-service networks list`.")
    w = run.written
    click.echo(f"Stored as run {run.run_id}: {w['memberships_written']} memberships and {w['ties_written']} ties "
               f"written, {w['memberships_kept']} and {w['ties_kept']} as they were, {w['memberships_deleted']} and "
               f"{w['ties_deleted']} removed. `graph-service networks show ID` for one network.")


def _explain_refusal(problem: Exception) -> None:
    """Exit with a message and a hint when the server had too little memory for the run."""
    refusal = memory_refusal(problem)
    if refusal is None:
        return
    click.echo(f"error: the database refused to store the network run ({refusal.code}): {refusal.message}", err=True)
    click.echo("nothing of this run was written: the networks stored before stand", err=True)
    click.echo("hint: a run stores every tie and membership that changed in one transaction, so that pages show "
               "the last run or this one, never a mix (only a store's first run is written in batches). Give Neo4j "
               "more memory (NEO4J_HEAP; docs/scaling.md) and run it again", err=True)
    raise SystemExit(1)


def _detect_edgelist(path: Path, method: str, objective: str, resolution: float | None, seed: int,
                     as_json: bool) -> None:
    try:
        graph = read_edgelist_igraph(path)  # arrays, no loop per edge: files of millions of ties
        if choose_method(graph, method, objective) == "louvain":
            # NetworkX Louvain breaks ties between equal moves in the order the file made the
            # ties, which only the row reader keeps; Louvain is for small files anyway.
            graph = read_edgelist(path)
    except EdgeListError as problem:
        for line in problem.problems[:SHOW_PROBLEMS]:
            click.echo(f"error: {line}", err=True)
        if len(problem.problems) > SHOW_PROBLEMS:
            click.echo(f"... and {len(problem.problems) - SHOW_PROBLEMS} more problems", err=True)
        raise SystemExit(1) from None
    partition = detect_networks(graph, method=method, objective=objective, resolution=resolution, seed=seed)
    nodes, edges = (graph.number_of_nodes(), graph.number_of_edges()) if isinstance(graph, nx.Graph) else \
        (graph.vcount(), graph.ecount())
    if as_json:
        echo_json({
            "method": partition.method, "objective": partition.objective, "resolution": partition.resolution,
            "seed": partition.seed,
            "modularity": partition.modularity, "seconds": partition.seconds,
            "nodes": nodes, "edges": edges,
            "communities": [sorted(c) for c in partition.communities],
            "networks": [sorted(c) for c in partition.networks],
        })
        return
    click.echo(
        f"{nodes} nodes, {edges} edges: {len(partition.communities)} "
        f"communities, {len(partition.networks)} of 3 or more; modularity {_number(partition.modularity)} "
        f"({partition.method}, {partition.objective}, {partition.seconds:.2f} s)"
    )
    for i, community in enumerate(partition.networks, start=1):
        members = sorted(community)
        more = f" ... and {len(members) - 20} more" if len(members) > 20 else ""
        click.echo(f"{i} ({len(members)}): {', '.join(members[:20])}{more}")


@command.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of networks.")
@click.option("--concern", type=click.Choice(["all", "of-concern", "not-of-concern"]), default="all", show_default=True,
              help="Keep the networks of concern, the others, or both (of concern first).")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many networks.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many first (for paging).")
@click.option("--area", metavar="NAME",
              help="Only networks with a member whose evidence lies in this area (its ID or name, "
                   "`graph-service areas list`).")
def list_command(as_json: bool, concern: str, limit: int | None, offset: int, area: str | None) -> None:
    """The networks found by the latest run, of most concern first, each with its reasons."""
    from graph_service.analysis.area_filter import AreaError, choose_area

    settings = service_settings.load()
    of_concern = {"all": None, "of-concern": True, "not-of-concern": False}[concern]
    with connect(settings) as db:
        try:
            chosen = choose_area(db, area)
        except AreaError as problem:
            raise click.ClickException(str(problem)) from None
        rows = list_networks(db, of_concern=of_concern, offset=offset, limit=limit,
                             person_ids=chosen.people if chosen else None)
    _audit(settings, "networks.list", [p for row in rows for p in row["key_players"]],
           detail=parameters(json=as_json, concern=concern, limit=limit, offset=offset,
                             area=chosen.area_id if chosen else None))
    if as_json:
        echo_json(rows)
        return
    echo_table([{"rank": row["rank"] or "-", "network_id": row["network_id"], "members": row["members"],
                 "children_at_risk": row["children_at_risk"], "why": "; ".join(row["reasons"]),
                 "key_players": ", ".join(row["key_players"])} for row in rows])
    if not rows and not offset:
        click.echo(f"No network has a member whose evidence lies in {chosen.name}." if chosen else
                   "No networks stored yet: run `graph-service networks detect`.")


@command.command()
@click.argument("network_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the network as a JSON object.")
def show(network_id: int, as_json: bool) -> None:
    """One network: members and their roles, key players, ties and locations."""
    settings = service_settings.load()
    with connect(settings) as db:
        detail = network_detail(db, network_id)
    if detail is None:
        raise click.ClickException(f"no network {network_id}: `graph-service networks list` shows the current ones")
    _audit(settings, "networks.show", [m["person_id"] for m in detail["members"]],
           detail=parameters(network=network_id, json=as_json))
    if as_json:
        echo_json(detail)
        return
    run = detail["run"] or {}
    state = "current" if detail["active"] else "not found by the latest run"
    concern = f"rank {detail['rank']} of concern: " + "; ".join(detail["reasons"]) if detail["rank"] else \
        "not of concern: " + "; ".join(detail["reasons"])
    click.echo(
        f"Network {network_id} ({state}; {concern}): {detail['size']} people, "
        f"{detail['children_at_risk']} children at risk; "
        f"first detected {_day(detail['first_detected_at'])}, last {_day(detail['detected_at'])} "
        f"({run.get('method')}, {run.get('objective') or 'modularity'} at resolution {run.get('resolution')}, "
        f"evidence as of {run.get('as_of')})"
    )
    click.echo("\nKey players")
    players = [m for m in detail["members"] if m["key_player_rank"] is not None]
    echo_table([{"rank": m["key_player_rank"], "person_id": m["person_id"], "name": m["name"], "role": m["role"],
                 "why": "; ".join(m["key_player_reasons"])} for m in players])
    click.echo("\nMembers")
    echo_table([{"person_id": m["person_id"], "name": m["name"], "role": m["role"],
                 "weighted_degree": round(m["weighted_degree"], 3), "betweenness": round(m["betweenness"], 4),
                 "brokerage": round(m["brokerage"], 3),
                 "other_networks": ", ".join(map(str, m["bridges"]))} for m in detail["members"]])
    click.echo("\nTies (strongest first; outside: to people beyond this network)")
    echo_table([{"person_a": t["person_a"], "person_b": t["person_b"],
                 "where": "inside" if t["inside"] else f"outside (network {t['other_network']})"
                 if t["other_network"] is not None else "outside",
                 "weight": round(t["weight"], 3), "items": t["count"], "kinds": ", ".join(t["kinds"]),
                 "grades": ", ".join(t["grades"]), "last": t["last_observed"]} for t in detail["ties"]])
    click.echo("\nLocations (most members first)")
    echo_table([{"location_id": loc["location_id"], "name": loc["name"], "category": loc["category"],
                 "members": loc["members"], "items": loc["items"], "how": ", ".join(loc["how"])}
                for loc in detail["locations"]])


def _audit(settings, action: str, ids, detail: str | None = None) -> None:
    # People's IDs and names go on screen: record who looked first, and show nothing if that
    # cannot be recorded.
    record(settings, action, sorted(set(ids)), detail=detail)


def _number(value) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _day(value) -> str:
    if value is None:
        return "-"
    return value.iso_format()[:10] if hasattr(value, "iso_format") else str(value)[:10]

"""`graph-service networks detect --edgelist FILE.csv`: an analyst's own edge list, no database."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from graph_service.analysis.edgelist import EdgeListError, read_edgelist

# A server that is not there: if the command tried to use a database, it would fail.
NO_DATABASE = {"NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_PASSWORD": "unused"}


def write_groups(path, groups, between=()):
    lines = ["source,target,weight"]
    for members in groups:
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                lines.append(f"{a},{b},2")
    lines += [f"{a},{b}," for a, b in between]  # empty weight: 1
    path.write_text("\n".join(lines) + "\n")


def test_json_lists_every_node_in_exactly_one_community(tmp_path, cli):
    groups = [[f"g{g}-{i}" for i in range(6)] for g in range(4)]
    edges = tmp_path / "edges.csv"
    write_groups(edges, groups, between=[("g0-0", "g1-0"), ("g1-1", "g2-1"), ("g2-2", "g3-2")])
    with edges.open("a") as f:
        f.write("lone-a,lone-b,1\n")

    done = cli("networks", "detect", "--edgelist", str(edges), "--json", env=NO_DATABASE)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["method"] == "louvain"
    assert result["seconds"] >= 0 and result["modularity"] > 0.5
    listed = [node for community in result["communities"] for node in community]
    every = {n for members in groups for n in members} | {"lone-a", "lone-b"}
    assert sorted(listed) == sorted(every)
    assert sorted(map(sorted, result["networks"])) == sorted(map(sorted, groups))  # the pair is no network


def test_leiden_on_request(tmp_path, cli):
    edges = tmp_path / "edges.csv"
    write_groups(edges, [["a", "b", "c"], ["x", "y", "z"]], between=[("a", "x")])
    done = cli("networks", "detect", "--edgelist", str(edges), "--method", "leiden", "--json", env=NO_DATABASE)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["method"] == "leiden"
    assert sorted(map(sorted, result["communities"])) == [["a", "b", "c"], ["x", "y", "z"]]


def test_plain_output_names_the_communities(tmp_path, cli):
    edges = tmp_path / "edges.csv"
    write_groups(edges, [["a", "b", "c"]])
    done = cli("networks", "detect", "--edgelist", str(edges), env=NO_DATABASE)
    assert done.returncode == 0, done.stderr
    assert "3 nodes, 3 edges" in done.stdout and "a, b, c" in done.stdout


@pytest.mark.parametrize("content, expected", [
    ("", ["edges.csv:1: the file is empty"]),
    ("from,to\na,b\n", ["edges.csv:1: header: unknown column 'from'", "edges.csv:1: header: no 'source' column"]),
    ("source,target,wieght\na,b,1\n", ["edges.csv:1: header: unknown column 'wieght'"]),
    ("source,target,weight\na,b,1\nc,d,heavy\n", ["edges.csv:3: weight: 'heavy' is not a number"]),
    ("source,target,weight\na,b,-2\n", ["edges.csv:2: weight: '-2': a weight must be a positive number"]),
    ("source,target,weight\na,b,0\n", ["edges.csv:2: weight: '0': a weight must be a positive number"]),
    ("source,target\na,\n", ["edges.csv:2: target: empty"]),
    ("source,target\na,b,c\n", ["edges.csv:2: 3 cells, but the header has 2"]),
    ("source,target\na,a\n", ["edges.csv:2: target: 'a' is the source too"]),
    ("source,target\n", ["edges.csv: no edges below the header"]),
    ("source,target\na,b\n\nc,d\ne,\n", ["edges.csv:5: target: empty"]),  # blank line 3 skipped, counted
])
def test_a_bad_edge_list_is_refused_naming_file_line_column_and_reason(tmp_path, cli, content, expected):
    edges = tmp_path / "edges.csv"
    edges.write_text(content)
    done = cli("networks", "detect", "--edgelist", str(edges), "--json", env=NO_DATABASE)
    assert done.returncode == 1
    assert done.stdout == ""
    for message in expected:
        assert f"error: {message}" in done.stderr


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    edges = tmp_path / "edges.csv"
    edges.write_text("source,target,weight\na,,1\nb,c,x\nd,e,1\n")
    with pytest.raises(EdgeListError) as raised:
        read_edgelist(edges)
    assert [(p.line, p.column) for p in raised.value.problems] == [(2, "target"), (3, "weight")]


def test_a_missing_file_is_a_clear_error(tmp_path, cli):
    done = cli("networks", "detect", "--edgelist", str(tmp_path / "nope.csv"), env=NO_DATABASE)
    assert done.returncode == 1 and "error: nope.csv: no such file" in done.stderr


def test_repeated_pairs_add_up_in_either_direction(tmp_path):
    edges = tmp_path / "edges.csv"
    edges.write_text("target,source,weight\nb,a,1.5\na,b,2\nb,c,\n")
    graph = read_edgelist(edges)
    assert graph["a"]["b"]["weight"] == 3.5 and graph["b"]["c"]["weight"] == 1.0


def test_karate_club_through_the_command(tmp_path, cli):
    graph = nx.karate_club_graph()
    edges = tmp_path / "karate.csv"
    edges.write_text("source,target,weight\n" + "".join(f"m{u},m{v},{w}\n" for u, v, w in graph.edges(data="weight")))
    result = json.loads(cli("networks", "detect", "--edgelist", str(edges), "--json", env=NO_DATABASE).stdout)
    assert result["modularity"] >= 0.40
    assert sum(len(c) for c in result["communities"]) == 34


def test_as_of_makes_no_sense_with_an_edge_list(tmp_path, cli):
    edges = tmp_path / "edges.csv"
    write_groups(edges, [["a", "b", "c"]])
    done = cli("networks", "detect", "--edgelist", str(edges), "--as-of", "2026-01-01", env=NO_DATABASE)
    assert done.returncode == 2 and "--as-of" in done.stderr


def test_resolution_must_be_positive_on_the_command_line(tmp_path, cli):
    edges = tmp_path / "edges.csv"
    write_groups(edges, [["a", "b", "c"]])
    done = cli("networks", "detect", "--edgelist", str(edges), "--resolution", "0", env=NO_DATABASE)
    assert done.returncode == 2 and "not a positive number" in done.stderr


def test_cpm_objective_on_request_and_refused_with_louvain(tmp_path, cli):
    edges = tmp_path / "edges.csv"
    write_groups(edges, [["a", "b", "c"], ["x", "y", "z"]], between=[("a", "x")])
    done = cli("networks", "detect", "--edgelist", str(edges), "--objective", "cpm", "--json", env=NO_DATABASE)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["method"], result["objective"], result["resolution"]) == ("leiden", "cpm", 0.05)
    # CPM joins two groups when the ties between them weigh more than resolution x the pairs
    # they could form: here 1 > 0.05 x 9, but not 1 > 0.5 x 9.
    assert sorted(map(sorted, result["networks"])) == [["a", "b", "c", "x", "y", "z"]]
    done = cli("networks", "detect", "--edgelist", str(edges), "--objective", "cpm", "--resolution", "0.5", "--json",
               env=NO_DATABASE)
    result = json.loads(done.stdout)
    assert sorted(map(sorted, result["networks"])) == [["a", "b", "c"], ["x", "y", "z"]]
    refused = cli("networks", "detect", "--edgelist", str(edges), "--objective", "cpm", "--method", "louvain",
                  env=NO_DATABASE)
    assert refused.returncode == 2 and "needs the leiden method" in refused.stderr


def random_edge_list(path, seed, nodes=300, rows=2_000, spaced=False):
    """Groups with ties inside and a few between; pairs repeated in both directions, some
    weights empty, IDs that sort differently as text and as numbers."""
    import random

    draw = random.Random(seed)
    lines = ["weight,target,source" if seed % 2 else "source,target,weight"]
    for _ in range(rows):
        a = draw.randrange(nodes)
        b = a - a % 10 + draw.randrange(10) if draw.random() < 0.8 else draw.randrange(nodes)
        if a == b:
            continue
        weight = "" if draw.random() < 0.1 else f"{draw.uniform(0.05, 3):.3f}"
        first, second = (f" n{a} ", f"n{b}\t") if spaced else (f"n{a}", f"n{b}")
        lines.append(f"{weight},{second},{first}" if seed % 2 else f"{first},{second},{weight}")
    path.write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("objective", ["modularity", "cpm"])
def test_the_array_reader_gives_the_same_networks_as_the_row_reader(tmp_path, seed, objective):
    from graph_service.analysis.communities import detect_networks
    from graph_service.analysis.edgelist import read_edgelist_igraph

    edges = tmp_path / "edges.csv"
    random_edge_list(edges, seed, spaced=seed == 3)
    rows, arrays = read_edgelist(edges), read_edgelist_igraph(edges)
    assert arrays.vs["name"] == list(rows)
    names = arrays.vs["name"]
    listed = [(names[u], names[v], w) for (u, v), w in zip(arrays.get_edgelist(), arrays.es["weight"], strict=True)]
    assert listed == list(rows.edges(data="weight"))  # same ties, same order, same summed weights
    by_rows = detect_networks(rows, method="leiden", objective=objective, seed=seed)
    by_arrays = detect_networks(arrays, method="leiden", objective=objective, seed=seed)
    assert by_arrays.communities == by_rows.communities
    assert by_arrays.modularity == by_rows.modularity
    louvain = detect_networks(arrays, method="louvain", seed=seed)  # handed to NetworkX, every node once
    assert sorted(node for community in louvain.communities for node in community) == sorted(rows)


def test_the_array_reader_hands_quoted_or_bad_files_to_the_row_reader(tmp_path):
    from graph_service.analysis.edgelist import read_edgelist_igraph

    edges = tmp_path / "edges.csv"
    edges.write_text('source,target,weight\n"a,1",b,2\nb,c,\r\n')
    graph = read_edgelist_igraph(edges)
    assert graph.vs["name"] == ["a,1", "b", "c"] and graph.es["weight"] == [2.0, 1.0]
    edges.write_text("source,target,weight\na,b,1\nc,d\n")  # a cell short: the row reader names the line
    with pytest.raises(EdgeListError) as raised:
        read_edgelist_igraph(edges)
    assert [str(p) for p in raised.value.problems] == ["edges.csv:3: 2 cells, but the header has 3"]


@pytest.mark.parametrize("weight", ["", " 2.5 ", "1e-3", "0.1", "3"])
def test_the_array_reader_reads_each_way_of_writing_a_weight_as_the_row_reader_does(tmp_path, weight):
    from graph_service.analysis.edgelist import read_edgelist_igraph

    edges = tmp_path / "edges.csv"
    edges.write_text(f"source,target,weight\na,b,{weight}\nb,c,0.7\nb,a,0.3\n")
    rows, arrays = read_edgelist(edges), read_edgelist_igraph(edges)
    assert arrays.es["weight"] == [w for _, _, w in rows.edges(data="weight")]


@pytest.mark.parametrize("weight", ["nan", "NaN", "inf", "-1", "0"])
def test_the_array_reader_refuses_a_weight_that_is_not_a_positive_number_naming_the_line(tmp_path, weight):
    from graph_service.analysis.edgelist import read_edgelist_igraph

    edges = tmp_path / "edges.csv"
    edges.write_text(f"source,target,weight\na,b,1\nb,c,{weight}\n")
    with pytest.raises(EdgeListError) as raised:
        read_edgelist_igraph(edges)
    assert [(p.line, p.column) for p in raised.value.problems] == [(3, "weight")]

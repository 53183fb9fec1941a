"""Named Cypher statements: every statement the service runs lives in cypher/."""

import pytest

from graph_service.db import cypher


def test_names_are_paths_under_cypher_without_extension():
    assert "schema" in cypher.names()
    assert "server/ping" in cypher.names()


def test_schema_is_split_into_its_statements_and_comments_are_not_statements(tmp_path):
    (tmp_path / "two.cypher").write_text("// header only\nRETURN 1;\n// between\nRETURN 2;\n// trailing\n")
    parts = cypher.statements("two", tmp_path)
    assert [p.splitlines()[-1] for p in parts] == ["RETURN 1", "RETURN 2"]
    assert all(p.endswith(tuple("0123456789")) for p in parts)


def test_a_single_statement_file_with_several_statements_is_refused(tmp_path):
    (tmp_path / "two.cypher").write_text("RETURN 1;\nRETURN 2;\n")
    with pytest.raises(cypher.UnknownStatement, match="holds 2 statements"):
        cypher.statement("two", tmp_path)


@pytest.mark.parametrize("name", ["no/such/statement", "../pyproject"])
def test_unknown_or_outside_names_are_refused(name):
    with pytest.raises(cypher.UnknownStatement):
        cypher.statement(name)


def test_every_statement_file_parses_into_at_least_one_statement():
    for name in cypher.names():
        assert cypher.statements(name), f"cypher/{name}.cypher holds no statement"

"""A damaged database page: every command says so in one line (no SQL, no traceback) and
writes nothing."""

from __future__ import annotations

from tests.reliability.helpers import assert_clean, factdesk


def test_a_damaged_page_is_reported_in_one_line_by_every_command(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    for i in range(30):
        (source / f"a{i}.txt").write_text(
            f"Article {i}: " + "the council spent money on roads. " * 150 + f"{i}\n",
            encoding="utf-8")
    project = tmp_path / "p"
    assert factdesk(project, "import", str(source)).returncode == 0
    database = project / "project.sqlite3"
    data = bytearray(database.read_bytes())
    page = 4096
    for offset in range(len(data) - page * 20, len(data) - page * 2, page):
        data[offset:offset + 100] = b"\xff" * 100
    database.write_bytes(bytes(data))
    for command in (["articles"], ["search", "council"], ["claims"],
                    ["import", str(source / "a1.txt")]):
        result = factdesk(project, *command)
        assert_clean(result)
        assert result.returncode == 2
        assert "damaged" in result.stderr or "malformed" in result.stderr, result.stderr

"""Text from imported files is printed inert: escape sequences and other terminal controls
come out as visible marks, in tables, in ``show``, in JSON and in error lines."""

from __future__ import annotations

import json

from desktop_app.core.text import inert
from tests.reliability.helpers import assert_clean, factdesk

HOSTILE_TITLE = "Evil \x1b[31mred\x1b[0m title \x1b]0;pwned\x07 \r\b\x9b2J"
BODY = "".join(f"The council spent {i} million on roads in 2031, it said on Monday.\n"
               for i in range(20))


def _raw_controls(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) < 0xA0]


def test_inert_shows_every_terminal_control_as_a_visible_mark():
    """ESC, BEL, CR, BS and C1 CSI become marks; tabs, line feeds and letters stay."""
    shown = inert(HOSTILE_TITLE + "\tok\n")
    assert _raw_controls(shown) == []
    assert "␛[31mred" in shown and "␇" in shown and "␍" in shown and "\ufffd2J" in shown
    assert shown.endswith("\tok\n")


def test_no_command_passes_escape_sequences_from_an_article_to_the_terminal(tmp_path):
    """``import``, ``articles``, ``show``, ``claims`` and a refusal naming the input all
    print the hostile title as marks."""
    source = tmp_path / "evil.txt"
    source.write_text(HOSTILE_TITLE + "\n" + BODY, encoding="utf-8")
    project = tmp_path / "p"
    imported = factdesk(project, "import", str(source))
    assert_clean(imported)
    assert imported.returncode == 0, imported.stderr
    article_id = json.loads(factdesk(project, "articles", "--json").stdout)["articles"][0]["id"]
    claim = factdesk(project, "claim", "add", article_id, "--quote", "Evil",
                     "--note", "note \x1b[2J cleared")
    runs = [imported, factdesk(project, "articles"), factdesk(project, "show", article_id),
            claim, factdesk(project, "claims"), factdesk(project, "articles", "--json"),
            factdesk(project, "show", "\x1b[31mnope")]
    for result in runs:
        assert_clean(result)
        assert _raw_controls(result.stdout) == [], result.args
        assert _raw_controls(result.stderr) == [], result.args
    assert "␛[31mred" in runs[1].stdout
    listed = json.loads(runs[5].stdout)["articles"][0]["title"]
    assert listed.startswith("Evil \x1b[31mred")  # JSON keeps the data, escaped

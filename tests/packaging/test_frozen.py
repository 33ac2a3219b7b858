"""The installer archive as a fact-checker uses it: unpacked, started without Python.

Runs the frozen ``Factdesk`` from ``dist/Factdesk-<version>-linux-x86_64.tar.gz`` (built by
``bash packaging/build.sh``; ``FACTDESK_FROZEN_ARCHIVE`` may name another archive) in a clean
environment like ``env -i``: no virtual environment, no PYTHONPATH, a home folder of its own.
Opt-in with ``FACTDESK_TEST_FROZEN=1`` because it needs the built archive; ``.ci/run`` builds
it and always sets that variable.
"""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.conftest import ROOT

if os.environ.get("FACTDESK_TEST_FROZEN") != "1":
    pytest.skip("the frozen-app smoke test runs only with FACTDESK_TEST_FROZEN=1, after "
                "`bash packaging/build.sh` (.ci/run does both)", allow_module_level=True)

VERSION = version("factdesk")
ARCHIVE = Path(os.environ.get("FACTDESK_FROZEN_ARCHIVE")
               or ROOT / "dist" / f"Factdesk-{VERSION}-linux-x86_64.tar.gz")

TEXT = """Velmora Signs Port Deal

By Ana Ruiz

Leaders of nine countries met at the Tarvo Summit in Velmora on November 15-16, 2024.
Corvane Minerals has invested over $2 billion in the Tarvo copper mine since 2020,
the government said.
"""

HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Corvane's Tarvo bet</title>
<meta name="author" content="Luis Ortega">
<meta property="article:published_time" content="2024-11-20"></head>
<body><nav>Home | World | Business</nav>
<article><h1>Corvane's Tarvo bet</h1>
<p>The port deal was announced on Nov. 17 during the Tarvo Summit in Velmora, officials said.</p>
<p>Corvane Minerals has invested over 2 billion USD in the Tarvo copper mine between 2020 and
2023, according to company filings seen by the Courier.</p>
<p>Residents of the valley have asked for a public hearing on the water permits before any
further expansion of the mine goes ahead.</p>
</article><footer>Copyright 2024 The Courier</footer></body></html>
"""

PDF_LINES = ("Tarvo Mine Report",
             "Corvane Minerals reported record copper output at Tarvo in 2024.")


def write_pdf(path: Path, lines: tuple[str, ...]) -> None:
    """A one-page PDF 1.4 showing ``lines`` in Helvetica, with a correct cross-reference table
    (PDF 32000-1:2008, 7.5): what a word processor's "save as PDF" gives, at its smallest."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) Tj T*" for line in lines)
    content += " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
    ]
    data = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += f"{number} 0 obj\n{body}\nendobj\n".encode("ascii")
    xref = len(data)
    data += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    data += b"".join(f"{offset:010d} 00000 n \n".encode("ascii") for offset in offsets)
    data += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
             .encode("ascii"))
    path.write_bytes(bytes(data))


class Frozen:
    """The unpacked app, run as a person would from a terminal with nothing else set up."""

    def __init__(self, folder: Path, home: Path) -> None:
        self.folder = folder
        self.binary = folder / "Factdesk"
        self.home = home

    def env(self, **extra: str) -> dict[str, str]:
        """What ``env -i HOME=... PATH=/usr/bin:/bin`` leaves, plus a display-less Qt."""
        return {"HOME": str(self.home), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen",
                "FACTDESK_AUTHOR": "smoke tester", **extra}

    def run(self, *args: str, **extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.binary), *args], cwd=self.home, env=self.env(**extra),
                              capture_output=True, text=True, timeout=180)

    def ok(self, *args: str, **extra: str) -> subprocess.CompletedProcess:
        """Run and require exit status 0 and no traceback."""
        result = self.run(*args, **extra)
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr, result.stderr
        return result

    def json(self, *args: str) -> dict:
        return json.loads(self.ok(*args, "--json").stdout)


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Frozen:
    assert ARCHIVE.is_file(), (f"{ARCHIVE} is missing: build it with `bash packaging/build.sh` "
                               "(or name one with FACTDESK_FROZEN_ARCHIVE)")
    target = tmp_path_factory.mktemp("unpacked")
    # Unpacked with tar, as the person who downloaded it would.
    subprocess.run(["tar", "-xzf", str(ARCHIVE), "-C", str(target)], check=True, timeout=300)
    home = tmp_path_factory.mktemp("home")
    return Frozen(target / f"Factdesk-{VERSION}", home)


@pytest.fixture(scope="module")
def project(frozen: Frozen) -> tuple[Path, dict[str, str]]:
    """A project made by the frozen app from a text file, an HTML page and a PDF; the ids of
    the articles by format."""
    inputs = frozen.home / "inputs"
    inputs.mkdir()
    (inputs / "harbour.txt").write_text(TEXT, encoding="utf-8")
    (inputs / "courier.html").write_text(HTML, encoding="utf-8")
    write_pdf(inputs / "report.pdf", PDF_LINES)
    folder = frozen.home / "desk"
    outcomes = frozen.json("--project", str(folder), "import", str(inputs))["outcomes"]
    assert sorted(o["status"] for o in outcomes) == ["added"] * 3, outcomes
    articles = frozen.json("--project", str(folder), "articles")["articles"]
    return folder, {a["format"]: a["id"] for a in articles}


def test_the_archive_holds_the_app_its_menu_entry_icon_and_installer(frozen):
    for name in ("Factdesk", "install.sh", "factdesk.desktop", "factdesk.png", "factdesk.svg",
                 "README.txt", "_internal/resources/sample_articles/01_harbour_ledger.txt",
                 "_internal/resources/schemas/claims.schema.json",
                 "_internal/desktop_app/store/migrations/env.py"):
        assert (frozen.folder / name).exists(), name
    entry = (frozen.folder / "factdesk.desktop").read_text(encoding="utf-8")
    assert "Icon=factdesk" in entry and "Type=Application" in entry
    plugins = {p.parent.name + "/" + p.name
               for p in (frozen.folder / "_internal/PySide6/Qt/plugins").glob("*/*")}
    assert "platforms/libqxcb.so" in plugins and "platforms/libqoffscreen.so" in plugins
    assert not any(p.startswith(("imageformats/", "sqldrivers/", "multimedia/", "qmltooling/"))
                   for p in plugins), plugins


def test_version_is_read_from_the_package_metadata(frozen):
    assert frozen.ok("--version").stdout.strip() == f"factdesk {VERSION}"


def test_text_html_and_pdf_import_with_their_metadata(frozen, project):
    folder, ids = project
    assert set(ids) == {"txt", "html", "pdf"}
    html = frozen.json("--project", str(folder), "show", ids["html"])
    assert html["title"] == "Corvane's Tarvo bet" and html["author"] == "Luis Ortega"
    assert "announced on Nov. 17" in html["text"] and "Copyright" not in html["text"]
    pdf = frozen.json("--project", str(folder), "show", ids["pdf"])
    assert "record copper output" in pdf["text"]


def test_a_claim_is_marked_and_search_finds_it(frozen, project):
    folder, ids = project
    claim = frozen.json("--project", str(folder), "claim", "add", ids["txt"], "--quote",
                        "invested over $2 billion", "--tag", "investment", "--verdict", "mixed")
    assert claim["exact"] == "invested over $2 billion" and claim["verdict"] == "mixed"
    hits = frozen.json("--project", str(folder), "search", "Tarvo")["hits"]
    assert {hit["id"] for hit in hits if hit["kind"] == "article"} == set(ids.values())
    tagged = frozen.json("--project", str(folder), "search", "tag:investment")["hits"]
    assert [hit["id"] for hit in tagged] == [claim["id"]]


def test_the_check_flags_where_the_sources_disagree(frozen, project):
    folder, _ids = project
    report = frozen.json("--project", str(folder), "check")
    assert sorted(flag["kind"] for flag in report["flags"]) == ["date", "period"], report


def test_a_bundle_is_exported_signed_and_reads_back(frozen, project):
    folder, _ids = project
    bundle = frozen.home / "desk.factdesk"
    frozen.ok("--project", str(folder), "export", "bundle", str(bundle))
    with zipfile.ZipFile(bundle) as archive:
        assert {"manifest.json", "signature.json", "articles.jsonl"} <= set(archive.namelist())
    preview = frozen.run("--project", str(frozen.home / "colleague"), "import-bundle",
                         str(bundle), "--dry-run")
    assert preview.returncode == 0, preview.stderr
    assert "smoke tester" in preview.stdout


def test_a_bad_request_is_refused_on_one_line(frozen, project):
    folder, _ids = project
    result = frozen.run("--project", str(folder), "show", "no-such-article")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_the_window_opens_and_closes(frozen, project):
    folder, _ids = project
    result = frozen.ok("--project", str(folder), FACTDESK_QUIT_AFTER_START="1")
    assert f"factdesk: window shown: Factdesk — {folder.name}" in result.stdout


def test_install_puts_the_app_in_the_menu_and_on_the_path(frozen, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(["sh", str(frozen.folder / "install.sh")], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    entry = (home / ".local/share/applications/factdesk.desktop").read_text(encoding="utf-8")
    assert f'Exec="{home}/.local/lib/factdesk/Factdesk"' in entry
    assert (home / ".local/share/icons/hicolor/256x256/apps/factdesk.png").is_file()
    command = home / ".local/bin/factdesk"
    started = subprocess.run([str(command), "--version"], env=env, capture_output=True,
                             text=True, timeout=120)
    assert started.stdout.strip() == f"factdesk {VERSION}", started.stderr
    removed = subprocess.run(["sh", str(home / ".local/lib/factdesk/install.sh"), "--uninstall"],
                             env=env, capture_output=True, text=True, timeout=120)
    assert removed.returncode == 0, removed.stderr
    assert not command.exists() and not (home / ".local/lib/factdesk").exists()
    assert not (home / ".local/share/applications/factdesk.desktop").exists()

"""A PostgreSQL server for the tests: the one CI names (FACTDESK_TEST_POSTGRES), else a
throw-away cluster started from this machine's PostgreSQL binaries, as an unprivileged user.

Each test gets a database of its own, cloned from a template that was created and migrated
once (``CREATE DATABASE … TEMPLATE``: far faster than migrating each time).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

#: The URL of a superuser on a server the tests may create databases and roles on.
ENV = "FACTDESK_TEST_POSTGRES"
TEMPLATE = "factdesk_template"


def _binaries() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                      key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """A server the tests own: makes a database per test and the roles tests log in as."""

    def __init__(self, admin_url: str, stop: list[str] | None = None,
                 folder: Path | None = None) -> None:
        self.admin_url = make_url(admin_url).set(drivername="postgresql+psycopg")
        self._stop = stop
        self._folder = folder
        self._engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        self._template_ready = False

    def url(self, database: str, user: str | None = None) -> str:
        """A ``postgresql://`` URL of ``database`` logging in as ``user`` (default: admin)."""
        url = self.admin_url.set(drivername="postgresql", database=database)
        if user is not None:
            url = url.set(username=user, password=None)
        return url.render_as_string(hide_password=False)

    def sql(self, statement: str, database: str | None = None) -> list[tuple[object, ...]]:
        """Run ``statement`` as the admin (in ``database``, default the admin's)."""
        engine = self._engine if database is None else create_engine(
            self.admin_url.set(database=database), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                result = conn.execute(text(statement))
                return [tuple(r) for r in result] if result.returns_rows else []
        finally:
            if engine is not self._engine:
                engine.dispose()

    def role(self, name: str, *, superuser: bool = False) -> None:
        """Make a login role ``name`` unless it exists."""
        if not self.sql(f"SELECT 1 FROM pg_roles WHERE rolname = '{name}'"):
            self.sql(f'CREATE ROLE "{name}" LOGIN {"SUPERUSER" if superuser else ""}')

    def _template(self) -> None:
        if self._template_ready:
            return
        from desktop_app.store import Store

        if not self.sql(f"SELECT 1 FROM pg_database WHERE datname = '{self.template}'"):
            self.sql(f"CREATE DATABASE {self.template}")
            Store.open_shared(self.url(self.template), create=True).close()
        self._template_ready = True

    @property
    def template(self) -> str:
        """The migrated template, named after the schema revision (a server kept between
        runs never hands out an older schema)."""
        from desktop_app.store.database import head_revision

        return f"{TEMPLATE}_{head_revision()}"

    def new_database(self, owner: str) -> str:
        """A fresh, migrated project database owned by ``owner`` (a superuser role made for
        the test: a project's owner may do everything); returns its URL as ``owner``."""
        self._template()
        self.role(owner, superuser=True)
        name = f"t_{uuid.uuid4().hex[:12]}"
        self.sql(f'CREATE DATABASE {name} TEMPLATE {self.template} OWNER "{owner}"')
        return self.url(name, owner)

    def empty_database(self, owner: str) -> str:
        """A fresh database with no tables, owned by ``owner``; returns its URL."""
        self.role(owner, superuser=True)
        name = f"e_{uuid.uuid4().hex[:12]}"
        self.sql(f'CREATE DATABASE {name} OWNER "{owner}"')
        return self.url(name, owner)

    def drop(self, url: str) -> None:
        """Remove the database ``url`` names, whoever is still connected."""
        self.sql(f"DROP DATABASE IF EXISTS {make_url(url).database} WITH (FORCE)")

    def close(self) -> None:
        self._engine.dispose()
        if self._stop is not None:
            subprocess.run(self._stop, check=False, capture_output=True)
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)


def start_cluster() -> Cluster | None:
    """A throw-away cluster on a free local port, or None when PostgreSQL is not installed.
    initdb refuses to run as root: then the cluster runs as the ``postgres`` user."""
    binaries = _binaries()
    if binaries is None:
        return None
    folder = Path(tempfile.mkdtemp(prefix="factdesk-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            return None
        os.chown(folder, account.pw_uid, account.pw_gid)
        runuser = shutil.which("runuser", path=os.pathsep.join(
            [os.environ.get("PATH", ""), "/usr/sbin", "/sbin"]))
        if runuser is None:
            return None
        as_user = [runuser, "-u", "postgres", "--"]
    data, port = folder / "data", _free_port()
    subprocess.run([*as_user, str(binaries / "initdb"), "-D", str(data), "-U", "postgres",
                    "--auth=trust", "--locale=C", "--encoding=UTF8"],
                   check=True, capture_output=True)
    options = (f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
    subprocess.run([*as_user, str(binaries / "pg_ctl"), "-D", str(data), "-o", options,
                    "-l", str(folder / "log"), "-w", "start"], check=True, capture_output=True)
    stop = [*as_user, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]
    return Cluster(f"postgresql://postgres@127.0.0.1:{port}/postgres", stop, folder)

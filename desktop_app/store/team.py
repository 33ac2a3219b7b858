"""Who may do what in a shared project: PostgreSQL roles, grants and two triggers.

Each database gets three group roles, ``factdesk_<database>_reader``, ``…_checker`` and
``…_editor`` (per database: role membership is cluster-wide, grants are not), and a member is
a login role in exactly one of them. Grants do most of the work:

- readers may SELECT, nothing else;
- checkers and editors may also INSERT, UPDATE and DELETE every table but the audit log,
  which they may only read and append to (append-only for everyone but the owner);
- where a grant cannot say it (only editors set a claim's review status to "reviewed" or
  change a flag's status), a trigger refuses the row with SQLSTATE 42501.

The audit log's author is set by a trigger from ``session_user`` (migration 0004), so the
server, not the client, says who made a change.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from desktop_app.core.errors import InvalidValueError, ProjectError
from desktop_app.core.vocab import TeamRole
from desktop_app.store.postgres import server_message

#: Tables members only read and append to.
APPEND_ONLY = ("audit_events",)
#: Tables only the owner changes (the schema's own bookkeeping).
OWNER_ONLY = ("alembic_version",)

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.@-]{0,62}")

EDITORS_ONLY = """
CREATE OR REPLACE FUNCTION factdesk_editors_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    owner text;
BEGIN
    SELECT pg_get_userbyid(datdba) INTO owner FROM pg_database
        WHERE datname = current_database();
    IF pg_has_role(session_user, owner, 'MEMBER')
       OR pg_has_role(session_user, TG_ARGV[0], 'MEMBER') THEN
        RETURN NEW;
    END IF;
    IF TG_TABLE_NAME = 'claims' AND NEW.status = 'reviewed'
       AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'reviewed') THEN
        RAISE EXCEPTION 'only editors may set a claim''s review status to reviewed'
            USING ERRCODE = '42501';
    END IF;
    IF TG_TABLE_NAME = 'flags' AND TG_OP = 'UPDATE'
       AND NEW.status IS DISTINCT FROM OLD.status THEN
        RAISE EXCEPTION 'only editors may confirm, dismiss or reopen flags'
            USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END $$;
"""


def _quote(conn: Connection, name: str) -> str:
    return str(conn.execute(text("SELECT quote_ident(:n)"), {"n": name}).scalar())


def group_role(database: str, role: TeamRole) -> str:
    """The group role of ``role`` in ``database`` (at most 63 characters, PostgreSQL's
    limit on names)."""
    return f"factdesk_{database}"[:63 - len(role) - 1] + f"_{role}"


def _ensure_role(conn: Connection, name: str, *, login: bool) -> bool:
    """Create role ``name`` unless it exists; True when it was created."""
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
    if exists:
        return False
    conn.exec_driver_sql(f"CREATE ROLE {_quote(conn, name)} {'LOGIN' if login else 'NOLOGIN'}")
    return True


def prepare(conn: Connection) -> dict[TeamRole, str]:
    """Create the database's three group roles (unless they exist), grant each what it may
    do on every table of the project, and install the editors-only trigger. Safe to run
    again (after an upgrade added tables, every grant is given anew)."""
    database = str(conn.execute(text("SELECT current_database()")).scalar())
    schema = _quote(conn, str(conn.execute(text("SELECT current_schema()")).scalar()))
    groups = {role: group_role(database, role) for role in TeamRole}
    tables = [str(t) for t in conn.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")).scalars()]
    db = _quote(conn, database)
    for role, name in groups.items():
        _ensure_role(conn, name, login=False)
        group = _quote(conn, name)
        conn.exec_driver_sql(f"GRANT CONNECT ON DATABASE {db} TO {group}")
        conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA {schema} TO {group}")
        for table in tables:
            quoted = _quote(conn, table)
            conn.exec_driver_sql(f"REVOKE ALL ON {quoted} FROM {group}")
            if role is TeamRole.READER or table in OWNER_ONLY:
                rights = "SELECT"
            elif table in APPEND_ONLY:
                rights = "SELECT, INSERT"
            else:
                rights = "SELECT, INSERT, UPDATE, DELETE"
            conn.exec_driver_sql(f"GRANT {rights} ON {quoted} TO {group}")
        if role is not TeamRole.READER:
            conn.exec_driver_sql(
                f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {group}")
    conn.exec_driver_sql(EDITORS_ONLY)
    editor = groups[TeamRole.EDITOR].replace("'", "''")
    for table in ("claims", "flags"):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_editors_only ON {table}")
        conn.exec_driver_sql(
            f"CREATE TRIGGER {table}_editors_only BEFORE INSERT OR UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION factdesk_editors_only('{editor}')")
    return groups


def grant(engine: Engine, user: str, role: TeamRole) -> bool:
    """Make ``user`` a member of the shared project with ``role`` (and no other role in it),
    creating the login role when it does not exist yet (without a password: the server's
    own authentication decides how it logs in). Returns True when the login role was made.

    Raises:
        InvalidValueError: ``user`` is not a name PostgreSQL roles may have here.
        ProjectError: the server refused (only the project's owner, with the right to create
            roles, may grant); nothing was changed.
    """
    if not _NAME.fullmatch(user) or user.startswith("pg_"):
        raise InvalidValueError(f"{user!r} is not a database user name Factdesk can grant to")
    try:
        with engine.begin() as conn:
            groups = prepare(conn)
            created = _ensure_role(conn, user, login=True)
            member = _quote(conn, user)
            for other, name in groups.items():
                if other is not role:
                    conn.exec_driver_sql(f"REVOKE {_quote(conn, name)} FROM {member}")
            conn.exec_driver_sql(f"GRANT {_quote(conn, groups[role])} TO {member}")
    except DBAPIError as exc:
        raise ProjectError(f"the server refused the grant: {server_message(exc)}; "
                           "nothing was changed") from None
    return created

"""Shared projects: claim versions, the generation of each audit event, originals kept in the
database, and (on PostgreSQL) an audit author set by the server.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: On PostgreSQL the audit log's author is the database user the server authenticated
#: (``session_user``), whatever the client sent: a member cannot write under another name.
AUTHOR_TRIGGER = """
CREATE FUNCTION factdesk_audit_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.actor := session_user;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_events_author BEFORE INSERT OR UPDATE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION factdesk_audit_author();
"""


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("generation", sa.Integer(), nullable=True))
    op.create_index("ix_audit_events_generation", "audit_events", ["generation"])
    op.create_table(
        "originals",
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("digest", name="pk_originals"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(AUTHOR_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_events_author ON audit_events")
        op.execute("DROP FUNCTION factdesk_audit_author()")
    op.drop_table("originals")
    op.drop_index("ix_audit_events_generation", table_name="audit_events")
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("generation")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("version")

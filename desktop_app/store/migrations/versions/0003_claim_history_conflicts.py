"""Claim version history and claim conflicts, for merging bundles without losing edits.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("history", sa.Text(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("base", sa.Text(), nullable=True))
    op.create_table(
        "claim_conflicts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("claim_id", sa.String(36), nullable=False),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("incoming", sa.Text(), nullable=False),
        sa.Column("bundle", sa.Text(), nullable=False),
        sa.Column("from_author", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name="fk_claim_conflicts_claim_id_claims",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_claim_conflicts"),
        sa.UniqueConstraint("claim_id", "version", name="uq_claim_conflicts_version"),
    )
    op.create_index("ix_claim_conflicts_claim_id", "claim_conflicts", ["claim_id"])


def downgrade() -> None:
    op.drop_index("ix_claim_conflicts_claim_id", table_name="claim_conflicts")
    op.drop_table("claim_conflicts")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("base")
        batch.drop_column("history")

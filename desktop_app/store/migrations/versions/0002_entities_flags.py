"""Entities with aliases and external ids, claim-entity links, and flags.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "entities",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("merged_into", sa.String(36), nullable=True),
        sa.Column("created", TS, nullable=False),
        sa.Column("modified", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["merged_into"], ["entities.id"], name="fk_entities_merged_into_entities"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_entities"),
    )
    op.create_table(
        "entity_aliases",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity_id", sa.String(36), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name="fk_entity_aliases_entity_id_entities",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_entity_aliases"),
        sa.UniqueConstraint("entity_id", "alias", name="uq_entity_aliases_alias"),
    )
    op.create_index("ix_entity_aliases_entity_id", "entity_aliases", ["entity_id"])
    op.create_table(
        "entity_external_ids",
        sa.Column("entity_id", sa.String(36), nullable=False),
        sa.Column("scheme", sa.String(32), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name="fk_entity_external_ids_entity_id_entities",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entity_id", "scheme", name="pk_entity_external_ids"),
    )
    op.create_table(
        "claim_entities",
        sa.Column("claim_id", sa.String(36), nullable=False),
        sa.Column("entity_id", sa.String(36), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name="fk_claim_entities_claim_id_claims",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name="fk_claim_entities_entity_id_entities",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("claim_id", "entity_id", name="pk_claim_entities"),
    )
    op.create_index("ix_claim_entities_entity_id", "claim_entities", ["entity_id"])
    op.create_table(
        "flags",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("claim_a", sa.String(36), nullable=False),
        sa.Column("claim_b", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("raised_by", sa.Text(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=True),
        sa.Column("created", TS, nullable=False),
        sa.Column("modified", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_a"], ["claims.id"], name="fk_flags_claim_a_claims", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["claim_b"], ["claims.id"], name="fk_flags_claim_b_claims", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_flags"),
        sa.UniqueConstraint("fingerprint", name="uq_flags_fingerprint"),
    )
    op.create_index("ix_flags_claim_a", "flags", ["claim_a"])
    op.create_index("ix_flags_claim_b", "flags", ["claim_b"])


def downgrade() -> None:
    for table in ("flags", "claim_entities", "entity_external_ids", "entity_aliases", "entities"):
        op.drop_table(table)

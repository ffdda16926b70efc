"""Learners' hand-ins: a learner of a map (nickname and hashed token) and each piece of work handed in.

A hand-in belongs to one version of the map, so the teacher's results are read per version;
deleting a map (or one of its versions) deletes its learners and their hand-ins with it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "learners",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("map_id", sa.String(64), sa.ForeignKey("maps.id", ondelete="CASCADE"), nullable=False),
        sa.Column("token_hash", sa.String(128), nullable=False),
        sa.Column("nickname", sa.String(40), nullable=False),
        sa.Column("nickname_folded", sa.String(40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("token_hash", name="uq_learners_token_hash"),
        sa.UniqueConstraint("map_id", "nickname_folded", name="uq_learners_map_nickname"),
    )
    op.create_table(
        "hand_ins",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("map_id", sa.String(64), sa.ForeignKey("maps.id", ondelete="CASCADE"), nullable=False),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("map_versions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("work", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_hand_ins_map_version", "hand_ins", ["map_id", "version_id"])
    op.create_index("ix_hand_ins_learner_time", "hand_ins", ["learner_id", "created_at"])
    op.create_index("ix_hand_ins_created_at", "hand_ins", ["created_at"])  # expired hand-ins are deleted by age


def downgrade() -> None:
    op.drop_index("ix_hand_ins_created_at", "hand_ins")
    op.drop_index("ix_hand_ins_learner_time", "hand_ins")
    op.drop_index("ix_hand_ins_map_version", "hand_ins")
    op.drop_table("hand_ins")
    op.drop_table("learners")

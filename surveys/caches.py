"""The questionnaire's cached values (core.caching retires them on the declared writes)."""

from core.caching import CacheNamespace

# The campaigns that are not closed (with their extra question counts) and the partner
# clusters a step offers, per language: read by every step of every visitor.
QUESTIONNAIRE = CacheNamespace(
    "surveys.questionnaire",
    retired_by=("surveys.Survey", "surveys.ExtraQuestion", "clusters.Cluster"),
    timeout=60 * 60,
)

"""Stored answers (slugs and codes) as labelled, readable sections for people.

Used by the review page, the confirmation email and the admin review page; the rows come
from the steps' declared fields (steps.py).
"""

from .schema import Lookups
from .steps import ALL_STEPS, EXTRA, Answers


def describe_answers(answers: dict, lookups: Lookups, questions=()) -> list:
    """[(step key, step title, [(label, text), ...]), ...] for the saved steps."""
    snapshot = Answers(answers)
    sections = []
    for step in ALL_STEPS:
        if step is EXTRA:
            if snapshot.extra is not None and questions:
                rows = [
                    (
                        question.text,
                        extra_answer_text(snapshot.extra.get(question.key), question),
                    )
                    for question in questions
                ]
                sections.append((step.key, step.title, rows))
            continue
        section = snapshot.section(step)
        if section is None:
            continue
        rows = [
            row
            for answer_field in section.answer_fields()
            for row in answer_field.review_rows(getattr(section, answer_field.name), lookups)
        ]
        sections.append((step.key, step.title, rows))
    return sections


def extra_answer_text(value, question=None) -> str:
    """An extra answer as text; with its question, chosen lines in the active language
    (answers store the English line). Exports pass no question: the stored values."""

    def label(one):
        return question.choice_label(one) if question is not None else one

    if isinstance(value, list):
        return ", ".join(str(label(one)) for one in value)
    return "" if value is None else str(label(value))


def as_text(sections) -> str:
    lines = []
    for _key, title, rows in sections:
        lines.append(f"== {title} ==")
        lines.extend(f"{label}: {text}" for label, text in rows)
        lines.append("")
    return "\n".join(lines)

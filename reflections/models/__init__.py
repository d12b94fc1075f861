"""Reflection worksheets for school boards.

Staff curate *templates* (ordered sections of questions taken from any framework). A board's
*worksheet* is a private copy: its questions are snapshots of the wording at creation, so later
edits to the content never change what a board answered. Access is by secret links whose tokens
are stored only as hashes; see reflections/access.py.
"""

from ..choices import AgreedBy, OthersVisible, QuestionKind, Rating
from .listing import PrincipleListing, PrincipleListingQuerySet
from .principles import (
    DEFAULT_SECTIONS,
    STUDENTS_SECTION,
    ImmutableVersion,
    LineComment,
    Principle,
    PrincipleArea,
    PrincipleLine,
    PrincipleSection,
    PrincipleVersion,
)
from .rounds import (
    COMMENT_MAX_LENGTH,
    MIN_RESPONSES,
    Group,
    Round,
    RoundRating,
    RoundResponse,
    RoundState,
)
from .school_years import current_school_year, next_school_year, school_year_of
from .sharing import Sharing, SharingQuerySet
from .sources import (
    PORTAL_QUESTION_CONTEXT,
    RATED_ITEM_KINDS,
    STATEMENT_PROMPT,
    default_kind_for,
    is_statement,
    source_label,
    source_wording,
)
from .spaces import BoardSpace
from .templates import (
    TemplateQuestion,
    TemplateQuestionQuerySet,
    TemplateSection,
    TemplateSectionQuerySet,
    WorksheetTemplate,
    WorksheetTemplateQuerySet,
)
from .tokens import TOKEN_BYTES, hash_token, new_key, new_token
from .worksheets import (
    ANSWER_MAX_LENGTH,
    Answer,
    CurrentNextStepManager,
    NextStep,
    NextStepQuerySet,
    Participant,
    Worksheet,
    WorksheetQuerySet,
    WorksheetQuestion,
    WorksheetSection,
)

__all__ = [
    "DEFAULT_SECTIONS",
    "STUDENTS_SECTION",
    "ImmutableVersion",
    "LineComment",
    "Principle",
    "PrincipleArea",
    "PrincipleLine",
    "PrincipleListing",
    "PrincipleListingQuerySet",
    "PrincipleSection",
    "PrincipleVersion",
    "ANSWER_MAX_LENGTH",
    "COMMENT_MAX_LENGTH",
    "MIN_RESPONSES",
    "PORTAL_QUESTION_CONTEXT",
    "RATED_ITEM_KINDS",
    "STATEMENT_PROMPT",
    "TOKEN_BYTES",
    "AgreedBy",
    "Answer",
    "BoardSpace",
    "CurrentNextStepManager",
    "Group",
    "NextStep",
    "NextStepQuerySet",
    "OthersVisible",
    "Participant",
    "QuestionKind",
    "Rating",
    "Sharing",
    "SharingQuerySet",
    "Round",
    "RoundRating",
    "RoundResponse",
    "RoundState",
    "TemplateQuestion",
    "TemplateQuestionQuerySet",
    "TemplateSection",
    "TemplateSectionQuerySet",
    "Worksheet",
    "WorksheetQuerySet",
    "WorksheetQuestion",
    "WorksheetSection",
    "WorksheetTemplate",
    "WorksheetTemplateQuerySet",
    "current_school_year",
    "default_kind_for",
    "hash_token",
    "is_statement",
    "new_key",
    "new_token",
    "next_school_year",
    "school_year_of",
    "source_label",
    "source_wording",
]

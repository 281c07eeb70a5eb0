"""Surveys' domain events (see core.events): never who answered or what."""

from dataclasses import dataclass
from typing import ClassVar

from samenspraak.core.events import Event


@dataclass(frozen=True)
class SurveyResponseSubmitted(Event):
    type: ClassVar[str] = "nl.samenspraak.surveys.response.submitted"
    response_id: int
    survey_id: int
    process_id: int


EVENT_TYPES = (SurveyResponseSubmitted,)

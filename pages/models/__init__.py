"""Page models, one module per content family; import them from `pages.models`."""

from pages.snippets import EUFundingNotice, Organisation, SiteContact, Topic  # noqa: F401

from .best_practice import BestPracticeIndexPage, BestPracticePage  # noqa: F401
from .campaign import NewsIndexPage, NewsPage, StandardPage  # noqa: F401
from .consultation import (  # noqa: F401
    ConsultationDocument,
    ConsultationFormField,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationProposal,
)
from .event import EventDocument, EventFormField, EventIndexPage, EventPage  # noqa: F401
from .evidence import EvidencePack, PublicationRecord  # noqa: F401
from .feedback import CivicMonitoringFormField, CivicMonitoringPage, FeedbackFormField, FeedbackPage  # noqa: F401
from .home import HomePage  # noqa: F401
from .project import ProjectDocument, ProjectIndicator, ProjectPage, ProjectPartner  # noqa: F401
from .reports import Recommendation, RecommendationTrackerPage, RecommendationUpdate, ReportPage  # noqa: F401

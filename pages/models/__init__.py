"""Page models, one module per content family; import them from `pages.models`."""
from pages.snippets import EUFundingNotice, Organisation, SiteContact  # noqa: F401

from .feedback import CivicMonitoringFormField, CivicMonitoringPage, FeedbackFormField, FeedbackPage  # noqa: F401
from .home import HomePage  # noqa: F401
from .project import ProjectDocument, ProjectPage, ProjectPartner  # noqa: F401

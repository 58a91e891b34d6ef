"""Editors can create each page type only where it belongs."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from pages.models import HomePage, ProjectPage


class PageTypeRules(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_of_a_language_tree(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(Page, HomePage)

    def test_project_page_lives_under_the_home_page_only(self):
        self.assertAllowedParentPageTypes(ProjectPage, {HomePage})
        self.assertCanCreateAt(HomePage, ProjectPage)
        self.assertCanNotCreateAt(ProjectPage, ProjectPage)
        self.assertCanNotCreateAt(Page, ProjectPage)

    def test_project_page_has_no_children(self):
        self.assertAllowedSubpageTypes(ProjectPage, set())

"""The admin side of the evidence (pages.campaign.publication_proof, pages.campaign.
evidence_pack): their addresses, Reports → Evidence pack for those who build packs, and
"Publication records (PDF)" in a page's header menu for those who may edit it.
Imported by pages.wagtail_hooks."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_urls")
def register_evidence_urls():
    from pages.campaign import evidence_pack, publication_proof

    return [
        path(
            "pages/<int:page_id>/publications/",
            publication_proof.publications_view,
            name=publication_proof.PUBLICATIONS_URL,
        ),
        path(
            "publications/<int:record_id>/pdf/",
            publication_proof.download_view,
            name=publication_proof.DOWNLOAD_URL,
        ),
        path("reports/evidence-pack/", evidence_pack.packs_view, name=evidence_pack.INDEX_URL),
        path("reports/evidence-pack/<int:pack_id>/", evidence_pack.pack_view, name=evidence_pack.STATUS_URL),
        path(
            "reports/evidence-pack/<int:pack_id>/download/",
            evidence_pack.download_view,
            name=evidence_pack.DOWNLOAD_URL,
        ),
    ]


class EvidencePackMenuItem(MenuItem):
    def is_shown(self, request):
        from pages.campaign.evidence_pack import may_build

        return may_build(request.user)


@hooks.register("register_reports_menu_item")
def register_evidence_pack_menu_item():
    return EvidencePackMenuItem(_("Evidence pack"), reverse("evidence_packs"), icon_name="download", order=8950)


@hooks.register("register_page_header_buttons")
def publication_records_in_the_header_menu(page, user, view_name=None, next_url=None):
    from pages.campaign.publication_proof import menu_buttons

    yield from menu_buttons(page, user)

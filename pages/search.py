"""Site-wide search: the live public pages of the visitor's language."""

import re

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from pages.listings import visibility
from pages.listings.pagination import paginate


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the site"), max_length=200)

    def clean_q(self):
        """Words only: quotes, brackets and operators mean something to a database's
        full-text syntax (SQLite's refuses them) and nothing to a citizen."""
        words = " ".join(re.sub(r"[^\w\s-]", " ", self.cleaned_data["q"]).split())
        if not words:
            raise forms.ValidationError(_("Type one or more words to search for."), code="no_words")
        return words


def search(request):
    """Wagtail search over the live pages of the current language (PostgreSQL full text)."""
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid():
        pages = visibility.listed(Page.objects).filter(locale=Locale.get_active(), depth__gt=1)
        found = paginate(request, pages.search(form.cleaned_data["q"]))
        # The search backend returns base pages: fetch the page of them as their own types,
        # one query per type, so cards show summaries and dates.
        shown = Page.objects.filter(pk__in=[p.pk for p in found.object_list]).specific().defer_streamfields()
        specific = {page.pk: page for page in shown}
        found.object_list = [specific[page.pk] for page in found.object_list if page.pk in specific]
        results = found
    return render(request, "pages/search.html", {"form": form, "results": results})

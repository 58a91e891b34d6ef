"""wagtail-localize's "Translate" screens with the target language ticked when there is
only one to choose (the Sliven site has Bulgarian and English: a translator should not
have to tick "English" every time, nor be told off for forgetting to)."""

from wagtail_localize.views.submit_translations import SubmitPageTranslationView, SubmitSnippetTranslationView


class OnlyTargetLanguageTickedMixin:
    def get_form(self):
        form = super().get_form()
        if not form.is_bound and not (form.initial or {}).get("locales"):
            choices = list(form.fields["locales"].queryset[:2])
            if len(choices) == 1:
                form.initial = {**(form.initial or {}), "locales": choices}
        return form


class SubmitPageTranslation(OnlyTargetLanguageTickedMixin, SubmitPageTranslationView):
    pass


class SubmitSnippetTranslation(OnlyTargetLanguageTickedMixin, SubmitSnippetTranslationView):
    pass

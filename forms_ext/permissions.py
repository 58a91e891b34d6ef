"""Who may see what citizens sent: exactly the users Wagtail lets see a form's
submissions (edit rights on the page's section), applied to every forms_ext view."""

from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy


def form_page_ids_for_user(user):
    return get_forms_for_user(user).values("pk")


def user_can_see_page(user, page_id):
    return get_forms_for_user(user).filter(pk=page_id).exists()


class FormOfficerPermissionPolicy(ModelPermissionPolicy):
    """For the admin screens over what citizens sent (moderation queue, registrations,
    held submissions): whoever may see some form's submissions may open them, and the
    views then show only those forms' rows. Nobody adds rows by hand; Django's model
    permissions still grant the rest (for a dedicated group, say)."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        if super().user_has_permission(user, action):
            return True
        # Submissions from every language are kept on the page in the default language, so
        # rights on translations only (a translator's) show nothing here.
        return bool(
            user.is_active
            and user.is_authenticated
            and get_forms_for_user(user).filter(locale=Locale.get_default()).exists()
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

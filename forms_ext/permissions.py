"""Who may see what citizens sent: exactly the users Wagtail lets see a form's
submissions (edit rights on the page's section), applied to every forms_ext view."""
from wagtail.contrib.forms.utils import get_forms_for_user


def form_page_ids_for_user(user):
    return get_forms_for_user(user).values("pk")


def user_can_see_page(user, page_id):
    return get_forms_for_user(user).filter(pk=page_id).exists()

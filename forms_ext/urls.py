from django.urls import path, register_converter

from forms_ext import converters, views
from forms_ext.alerts import views as alerts

register_converter(converters.TokenConverter, "token")

app_name = "forms_ext"
urlpatterns = [
    path("registrations/confirm/<token:token>/", views.confirm_registration, name="confirm_registration"),
    path("registrations/cancel/<token:token>/", views.cancel_registration, name="cancel_registration"),
    path("alerts/", alerts.subscribe, name="alerts_subscribe"),
    path("alerts/confirm/<token:token>/", alerts.confirm, name="alerts_confirm"),
    path("alerts/unsubscribe/<token:token>/", alerts.unsubscribe, name="alerts_unsubscribe"),
]

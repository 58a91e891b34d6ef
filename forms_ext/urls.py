from django.urls import path

from forms_ext import alerts, views

app_name = "forms_ext"
urlpatterns = [
    path("registrations/cancel/<str:token>/", views.cancel_registration, name="cancel_registration"),
    path("alerts/", alerts.subscribe, name="alerts_subscribe"),
    path("alerts/confirm/<str:token>/", alerts.confirm, name="alerts_confirm"),
    path("alerts/unsubscribe/<str:token>/", alerts.unsubscribe, name="alerts_unsubscribe"),
]
